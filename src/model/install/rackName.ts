/**
 * Whether a name can become a rack: CloudFormation's stack-name rules, then the limits Convox's template meets
 * late (§6 of the reference): load balancer names of at most 32 characters, and a certificate for
 * `*.<load balancer DNS name>.convox.site` whose first domain name is at most 64 characters.
 */

/** What decides which load balancers a rack gets, and so how long its name may be. */
export interface NameContext {
  region: string;
  /** `Internal=Yes`: an internal router, load balancer `<rack>-rti`, DNS name `internal-<rack>-rti-…`. */
  internal: boolean;
  /** `PrivateApi=Yes`: an internal API load balancer `<rack>-i`, DNS name `internal-<rack>-i-…`. */
  privateApi: boolean;
}

export interface NameProblem {
  message: string;
  /** The longest name that would fit, when the name is only too long. */
  longestFitting?: string;
}

const stackNameMax = 128;
const loadBalancerNameMax = 32;
const certificateDomainMax = 64;
/** The number ELB appends to a load balancer's name in its DNS name: `<name>-1234567890.<region>…`. */
const dnsNumberLength = 10;
const certificateSuffix = '.convox.site';
const internalDnsPrefix = 'internal-';

/** The load balancer whose certificate name is longest for these options, as `<rack><suffix>` with its DNS prefix. */
function longestBalancer(context: NameContext): { suffix: string; dnsPrefix: string; why: string } {
  if (context.internal)
    return { suffix: '-rti', dnsPrefix: internalDnsPrefix, why: 'the internal router (Internal=Yes)' };
  if (context.privateApi)
    return { suffix: '-i', dnsPrefix: internalDnsPrefix, why: 'the internal API load balancer (PrivateApi=Yes)' };
  return { suffix: '', dnsPrefix: '', why: 'the API load balancer' };
}

/**
 * The longest rack name whose certificate domain `*.[internal-]<rack><suffix>-<10 digits>.<region>.convox.site` stays
 * within 64 characters: 38 − region length with no internal balancer (29 in us-east-1), 13 fewer with Internal=Yes,
 * 11 fewer with PrivateApi=Yes.
 */
export function certificateNameLimit(context: NameContext): number {
  const { suffix, dnsPrefix } = longestBalancer(context);
  const fixed =
    '*.'.length +
    dnsPrefix.length +
    suffix.length +
    '-'.length +
    dnsNumberLength +
    '.'.length +
    context.region.length +
    certificateSuffix.length;
  return certificateDomainMax - fixed;
}

/** The longest load balancer name suffix these options create (`<rack>-rti`, `<rack>-i` or `<rack>`). */
function loadBalancerNameLimit(context: NameContext): { limit: number; balancer: string } {
  const { suffix } = longestBalancer(context);
  return { limit: loadBalancerNameMax - suffix.length, balancer: `<rack>${suffix}` };
}

/** The first problem with `name` as a rack name in this context, or undefined when it can be installed. */
export function rackNameProblem(name: string, context: NameContext): NameProblem | undefined {
  if (name === '') return { message: 'Type a name for the rack: it becomes the CloudFormation stack name.' };
  if (!/^[A-Za-z]/.test(name))
    return { message: 'A rack name must start with a letter (it is a CloudFormation stack name).' };
  const bad = [...name].find((character) => !/[A-Za-z0-9-]/.test(character));
  if (bad !== undefined)
    return {
      message: `"${bad}" is not allowed: use letters, digits and hyphens only (CloudFormation stack name rules).`,
    };
  if (name.length > stackNameMax)
    return {
      message: `A CloudFormation stack name is at most ${stackNameMax} characters.`,
      longestFitting: name.slice(0, stackNameMax),
    };
  if (name.endsWith('-'))
    return {
      message: 'A rack name cannot end with a hyphen: its load balancer names would end with one, which ELB refuses.',
    };
  if (name.includes('--'))
    return { message: 'A rack name cannot contain two hyphens in a row: ELB refuses such load balancer names.' };
  const { limit: balancerLimit, balancer } = loadBalancerNameLimit(context);
  const certificateLimit = certificateNameLimit(context);
  const limit = Math.min(balancerLimit, certificateLimit);
  if (name.length <= limit) return undefined;
  // No two hyphens in a row reach here: the cut ends with one at most.
  const longestFitting = name.slice(0, limit).replace(/-$/, '');
  if (certificateLimit <= balancerLimit) {
    const { why } = longestBalancer(context);
    return {
      message:
        `Too long for ${context.region}: the certificate for ${why} would be named over ${certificateDomainMax} characters, ` +
        `which fails the install about twenty minutes in. At most ${certificateLimit} characters here; "${longestFitting}" fits.`,
      longestFitting,
    };
  }
  return {
    message: `Too long: the load balancer ${balancer} would have a name over ${loadBalancerNameMax} characters. At most ${balancerLimit} characters; "${longestFitting}" fits.`,
    longestFitting,
  };
}
