import * as path from 'node:path';
import { getHomeDir, loadSharedConfigFiles, readFile } from '@smithy/shared-ini-file-loader';
import { describeIgnored, ignoredConfig } from '../model/ignoredConfig';
import { environmentProfile } from '../model/pair';

/** The AWS services the extension calls, by the key the shared config's `services` sections use. */
export type ServiceKey =
  'cloudformation' | 'ecs' | 'ec2' | 'auto_scaling' | 'ssm' | 'eventbridge' | 'sts' | 'cloudwatch_logs';

/**
 * Where a profile's credentials come from, read from the files already parsed for the refresh: static keys and
 * credential processes are resolved here, the rest (roles, SSO, web identity) by the SDK's own provider.
 */
export type CredentialSource =
  | { kind: 'keys'; accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  | { kind: 'process'; command: string }
  | RoleSource
  | { kind: 'sdk' }
  | { kind: 'environment' };

/**
 * A role (`role_arn`) assumed with the credentials of its `source_profile`, when that chain ends in a
 * credential_process: the process runs under the project's runner and its credentials are handed to STS here,
 * where the SDK would run it with no deadline.
 */
export interface RoleSource {
  kind: 'role';
  roleArn: string;
  /** The profile whose credentials assume the role (its `source_profile`). */
  sourceProfile: string;
  sessionName?: string;
  externalId?: string;
  durationSeconds?: number;
  source: CredentialSource;
}

const defaultsModes = ['standard', 'in-region', 'cross-region', 'mobile', 'auto', 'legacy'] as const;

/**
 * What an SDK client would otherwise look up in the shared config files itself, once per client and setting,
 * parsing both files each time: with a thousand profiles that is most of a refresh. Resolved here once, from the
 * environment and the profile's own section, the SDK's order.
 */
export interface ClientSettings {
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  retryMode: 'standard' | 'adaptive';
  defaultsMode: (typeof defaultsModes)[number];
  authSchemePreference: string[];
  userAgentAppId?: string;
}

export interface AwsProfile {
  name: string;
  /** The profile's own `region`, if any. */
  region?: string;
  /** Endpoint per service, already resolved in the SDK's order of precedence; absent means AWS's own. */
  endpoints: Partial<Record<ServiceKey, string>>;
  credentials: CredentialSource;
  client: ClientSettings;
}

const serviceKeys: ServiceKey[] = [
  'cloudformation',
  'ecs',
  'ec2',
  'auto_scaling',
  'ssm',
  'eventbridge',
  'sts',
  'cloudwatch_logs',
];

type Section = Record<string, string | undefined>;

function envEndpoints(env: NodeJS.ProcessEnv): Partial<Record<ServiceKey, string>> {
  const endpoints: Partial<Record<ServiceKey, string>> = {};
  for (const service of serviceKeys) {
    const url = env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] ?? env.AWS_ENDPOINT_URL;
    if (url) endpoints[service] = url;
  }
  return endpoints;
}

/**
 * Endpoints in the precedence the AWS SDKs document: service-specific environment variable, global
 * environment variable, the profile's `services` section, the profile's `endpoint_url`. The SDK would do this
 * itself only for the profile named by AWS_PROFILE, so it is done here for every profile.
 */
function profileEndpoints(
  section: Section,
  services: Section | undefined,
  env: NodeJS.ProcessEnv,
): Partial<Record<ServiceKey, string>> {
  const ignore = (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? section.ignore_configured_endpoint_urls) === 'true';
  if (ignore) return {};
  const endpoints: Partial<Record<ServiceKey, string>> = {};
  for (const service of serviceKeys) {
    const url = services?.[`${service}.endpoint_url`] ?? section.endpoint_url;
    if (url) endpoints[service] = url;
  }
  return { ...endpoints, ...envEndpoints(env) };
}

function staticKeys(section: Section): CredentialSource | undefined {
  const {
    aws_access_key_id: accessKeyId,
    aws_secret_access_key: secretAccessKey,
    aws_session_token: sessionToken,
  } = section;
  return accessKeyId && secretAccessKey
    ? { kind: 'keys', accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }
    : undefined;
}

function usesProcess(source: CredentialSource): boolean {
  return source.kind === 'process' || (source.kind === 'role' && usesProcess(source.source));
}

/**
 * The SDK's resolution of a role chain, when every link is one resolved here: a role with a `source_profile`
 * (no MFA, no `credential_source`), static keys, or a credential_process. As in the SDK, a profile reached as a
 * source uses its static keys before its role, and a role whose source is itself uses its own keys.
 */
function chainSource(
  name: string,
  sectionOf: (name: string) => Section | undefined,
  visited: ReadonlySet<string>,
): CredentialSource | undefined {
  const section = sectionOf(name);
  if (!section) return undefined;
  const keys = staticKeys(section);
  if (visited.size > 0 && keys) return keys;
  if (section.role_arn) {
    const sourceName = section.source_profile;
    if (!sourceName || section.mfa_serial || section.credential_source || visited.has(name)) return undefined;
    const source = sourceName === name ? keys : chainSource(sourceName, sectionOf, new Set([...visited, name]));
    if (!source) return undefined;
    const duration = Number(section.duration_seconds);
    return {
      kind: 'role',
      roleArn: section.role_arn,
      sourceProfile: sourceName,
      ...(section.role_session_name ? { sessionName: section.role_session_name } : {}),
      ...(section.external_id ? { externalId: section.external_id } : {}),
      ...(Number.isInteger(duration) && duration > 0 ? { durationSeconds: duration } : {}),
      source,
    };
  }
  if (section.web_identity_token_file) return undefined;
  if (keys) return keys;
  if (section.credential_process) return { kind: 'process', command: section.credential_process };
  return undefined;
}

/**
 * The SDK's order: a role first, then static keys, web identity, a credential process; SSO and the rest after. A
 * role chain that ends in a credential_process is resolved here, so that process runs under the project's runner.
 */
function credentialSource(name: string, sectionOf: (name: string) => Section | undefined): CredentialSource {
  const section = sectionOf(name) ?? {};
  if (section.role_arn) {
    const chain = chainSource(name, sectionOf, new Set());
    return chain && usesProcess(chain) ? chain : { kind: 'sdk' };
  }
  if (section.web_identity_token_file) return { kind: 'sdk' };
  return chainSource(name, sectionOf, new Set()) ?? { kind: 'sdk' };
}

function clientSettings(section: Section, env: NodeJS.ProcessEnv): ClientSettings {
  const value = (variable: string, key: string): string | undefined => env[variable] ?? section[key];
  const defaultsMode = defaultsModes.find((mode) => mode === value('AWS_DEFAULTS_MODE', 'defaults_mode')) ?? 'legacy';
  const preference = value('AWS_AUTH_SCHEME_PREFERENCE', 'auth_scheme_preference');
  return {
    useFipsEndpoint: value('AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint') === 'true',
    useDualstackEndpoint: value('AWS_USE_DUALSTACK_ENDPOINT', 'use_dualstack_endpoint') === 'true',
    retryMode: value('AWS_RETRY_MODE', 'retry_mode') === 'adaptive' ? 'adaptive' : 'standard',
    defaultsMode,
    authSchemePreference: preference
      ? preference
          .split(',')
          .map((scheme) => scheme.trim())
          .filter(Boolean)
      : [],
    userAgentAppId: value('AWS_SDK_UA_APP_ID', 'sdk_ua_app_id'),
  };
}

function isProfileKey(key: string): boolean {
  return !key.startsWith('sso-session.') && !key.startsWith('services.');
}

/** What one read of the AWS config files found. */
export interface ProfilesRead {
  profiles: AwsProfile[];
  /** What the SDK's parser skips in the files, one log line each, without any value. */
  ignored: string[];
}

/** A config file's path as the SDK resolves it: the environment variable, else under ~/.aws; `~/` expanded. */
function configPath(fromEnvironment: string | undefined, name: string): string {
  const file = fromEnvironment || path.join(getHomeDir(), '.aws', name);
  return file.startsWith('~/') ? path.join(getHomeDir(), file.slice(2)) : file;
}

/**
 * Every profile of the shared config and credentials files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE),
 * plus a source for credentials set in the environment. Each file is read and parsed once per call, for all
 * profiles; call it once per refresh: the user may have run `aws configure` or `aws sso login` since.
 */
export async function loadProfiles(env: NodeJS.ProcessEnv = process.env): Promise<ProfilesRead> {
  const configFilepath = configPath(env.AWS_CONFIG_FILE, 'config');
  const filepath = configPath(env.AWS_SHARED_CREDENTIALS_FILE, 'credentials');
  // The SDK's reader keeps what it read: the loader below parses these same reads instead of reading again.
  const [configText, credentialsText] = await Promise.all(
    [configFilepath, filepath].map((file) => readFile(file, { ignoreCache: true }).catch(() => '')),
  );
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ configFilepath, filepath });
  const ignored = [...ignoredConfig(configText, 'config'), ...ignoredConfig(credentialsText, 'credentials')].map(
    describeIgnored,
  );
  const names = new Set([...Object.keys(configFile).filter(isProfileKey), ...Object.keys(credentialsFile)]);
  // As the SDK merges them: the credentials file wins.
  const credentialSection = (name: string): Section | undefined =>
    names.has(name) ? { ...configFile[name], ...credentialsFile[name] } : undefined;
  const profiles: AwsProfile[] = [...names].sort().map((name) => {
    const section: Section = { ...credentialsFile[name], ...configFile[name] };
    const servicesName = section.services;
    return {
      name,
      region: section.region,
      endpoints: profileEndpoints(section, servicesName ? configFile[`services.${servicesName}`] : undefined, env),
      credentials: credentialSource(name, credentialSection),
      client: clientSettings(section, env),
    };
  });
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    profiles.push({
      name: environmentProfile,
      region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
      endpoints: envEndpoints(env),
      credentials: { kind: 'environment' },
      client: clientSettings({}, env),
    });
  }
  return { profiles, ignored };
}

/** How AWS names each service's regional host. */
const awsHosts: Record<ServiceKey, string> = {
  cloudformation: 'cloudformation',
  ecs: 'ecs',
  ec2: 'ec2',
  auto_scaling: 'autoscaling',
  ssm: 'ssm',
  eventbridge: 'events',
  sts: 'sts',
  cloudwatch_logs: 'logs',
};

/**
 * Where a profile's calls to a service in a region go, fit to show: a user name, password or query in a
 * configured endpoint_url is left out, since those can hold secrets.
 */
export function endpointLabel(
  profile: Pick<AwsProfile, 'name' | 'endpoints'>,
  service: ServiceKey,
  region: string,
): string {
  const configured = profile.endpoints[service];
  if (configured === undefined) return `https://${awsHosts[service]}.${region}.amazonaws.com`;
  try {
    const url = new URL(configured);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return `the endpoint_url of profile "${profile.name}"`;
  }
}
