import { sourceLabel } from '../model/pair';
import type { DiscoveryErrorKind } from '../model/rack';
import { formatSeconds } from './deadline';

export interface ClassifiedError {
  kind: DiscoveryErrorKind;
  /** What went wrong and what to do next, in words a person can act on; never a secret. */
  message: string;
}

/** Where the failure happened, for the message. */
export interface ErrorContext {
  profile: string;
  region: string;
  action: string;
  /** The endpoint called, as `endpointLabel` shows it. */
  endpoint?: string;
  /** The call was still waiting for the profile's credentials when it failed. */
  waitingForCredentials?: boolean;
}

const expiredCodes = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'TokenRefreshRequired',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
]);
const deniedCodes = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'OptInRequired',
]);
const throttledCodes = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
]);
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'TimeoutError',
  'RequestTimeout',
]);
const descriptorCodes = new Set(['EMFILE', 'ENFILE']);
/** What the SDK calls an error answer it could not read a code from. */
const unknownNames = new Set(['Unknown', 'UnknownError']);

/** The longest piece of an error's own text a message carries. */
const maxDetail = 300;

interface ErrorFields {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  $metadata?: { attempts?: number; httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

function fields(error: unknown): ErrorFields {
  return typeof error === 'object' && error !== null ? (error as ErrorFields) : { message: String(error) };
}

/** The first code of `codes` on an error or the errors that caused it (the SDK wraps socket errors). */
function codeIn(error: ErrorFields, codes: ReadonlySet<string>): string | undefined {
  for (
    let current: ErrorFields | undefined = error, depth = 0;
    current && depth < 4;
    current = current.cause ? fields(current.cause) : undefined, depth++
  ) {
    if (current.code && codes.has(current.code)) return current.code;
    if (current.name && codes.has(current.name)) return current.name;
  }
  return undefined;
}

/**
 * An error's own words, cut to one short line. Text that comes from running a credential process (the SDK
 * copies its command line and output into the error) is replaced as a whole: it may hold tokens.
 */
function safeDetail(text: string | undefined): string {
  const line = (text ?? '').trim().split(/\r?\n/, 1)[0];
  if (/command failed|credential_process|spawn /i.test(line))
    return 'its credential_process failed; run it in a terminal to see why';
  return line.length > maxDetail ? `${line.slice(0, maxDetail - 1)}…` : line;
}

function isNotAwsAnswer(failure: ErrorFields): boolean {
  const contentType = failure.$response?.headers?.['content-type'] ?? '';
  return (
    failure.$metadata?.httpStatusCode !== undefined &&
    (unknownNames.has(failure.name ?? '') || /html|text\/plain/i.test(contentType))
  );
}

/** Sorts a failure of AWS, the network or a credential source into the kinds the views know, with what to do next. */
export function classifyError(error: unknown, context: ErrorContext): ClassifiedError {
  const failure = fields(error);
  const name = failure.name ?? 'Error';
  const detail = safeDetail(failure.message);
  const { profile, region, action } = context;
  const source = sourceLabel(profile);
  const endpoint = context.endpoint ?? `AWS in ${region}`;
  if (name === 'DeadlineError') {
    const deadlineMs = (error as { deadlineMs: number }).deadlineMs;
    if (context.waitingForCredentials) {
      return {
        kind: 'expired-credentials',
        message: `The credentials of ${source} did not arrive within ${formatSeconds(deadlineMs)} (its credential_process or sign-in is still running), so ${action} in ${region} was stopped. Run its sign-in or credential_process in a terminal to see why, then retry.`,
      };
    }
    return {
      kind: 'network',
      message: `${endpoint} did not answer ${action} for ${source} within ${formatSeconds(deadlineMs)}, so the calls were stopped. Check your network or the profile's endpoint_url, or raise the setting convox.requestTimeout; then retry.`,
    };
  }
  if (name === 'CredentialProcessError') {
    const reason = (error as { reason?: string }).reason;
    return {
      kind: reason === 'output' || reason === 'spawn' ? 'configuration' : 'expired-credentials',
      message: failure.message ?? '',
    };
  }
  if (name === 'AnswerTooLargeError') {
    return {
      kind: 'other',
      message: `${endpoint} answered ${action} for ${source} with ${failure.message ?? 'too much data'}, far more than AWS sends, so the answer was refused. Check the profile's endpoint_url (a proxy or emulator may be misbehaving), then retry.`,
    };
  }
  const descriptors = codeIn(failure, descriptorCodes);
  if (descriptors) {
    return {
      kind: 'other',
      message: `Too many files are open (${descriptors}), so ${action} in ${region} for ${source} could not connect. Close other programs or raise the limit of open files (ulimit -n), then retry.`,
    };
  }
  if (expiredCodes.has(name) || (name === 'CredentialsProviderError' && /expired|refresh|sso/i.test(detail))) {
    const signIn =
      source === `profile "${profile}"`
        ? `Sign in again (for SSO: aws sso login --profile ${profile}) or renew the keys`
        : 'Set fresh AWS_* variables and restart VS Code';
    return {
      kind: 'expired-credentials',
      message: `The credentials of ${source} have expired or are no longer valid (${detail || name}). ${signIn}, then retry.`,
    };
  }
  if (name === 'CredentialsProviderError') {
    return {
      kind: 'configuration',
      message: `No usable credentials for ${source}: ${detail}. Fix the configuration: check the profile in your AWS config and credentials files, then refresh.`,
    };
  }
  if (deniedCodes.has(name)) {
    return {
      kind: 'access-denied',
      message: `${source[0].toUpperCase()}${source.slice(1)} may not ${action} in ${region} (${detail || name}). Ask for that permission, or remove ${region} from the setting convox.regions.`,
    };
  }
  if (throttledCodes.has(name)) {
    const attempts = failure.$metadata?.attempts;
    return {
      kind: 'throttled',
      message: `AWS kept throttling ${action} in ${region} for ${source}${attempts ? ` after ${attempts} attempts` : ''}. Wait a minute, then retry.`,
    };
  }
  const network = codeIn(failure, networkCodes);
  if (network) {
    return {
      kind: 'network',
      message: `Could not reach ${endpoint} for ${source} (${network}: ${detail}). Check your network, proxy or the profile's endpoint_url, then retry.`,
    };
  }
  if (name === 'PagingError') {
    return {
      kind: 'other',
      message: `AWS answered ${action} in ${region} for ${source} with pages that never end (${detail}), so the listing stopped. Check the profile's endpoint_url (a proxy or emulator may be misbehaving), then retry.`,
    };
  }
  if (isNotAwsAnswer(failure)) {
    return {
      kind: 'other',
      message: `HTTP ${failure.$metadata?.httpStatusCode} from ${endpoint}, not an AWS answer, to ${action} for ${source}. A proxy or the profile's endpoint_url may be wrong; retry, and if it persists, check them.`,
    };
  }
  if (
    name === 'SyntaxError' ||
    /Deserialization|parse error|char '|Unexpected (token|end)|Invalid (XML|JSON)|non-whitespace/i.test(
      `${name} ${detail}`,
    )
  ) {
    return {
      kind: 'other',
      message: `${endpoint} answered ${action} for ${source} with something that could not be read as an AWS answer. Retry; if it persists, check the profile's endpoint_url.`,
    };
  }
  if (/Invalid URL|Invalid region/i.test(detail)) {
    return {
      kind: 'configuration',
      message: `${source[0].toUpperCase()}${source.slice(1)} cannot be used in ${region} (${detail}). Fix the configuration: check its region and endpoint_url in your AWS config, then refresh.`,
    };
  }
  return {
    kind: 'other',
    message: `Could not ${action} in ${region} for ${source}: ${name}${detail ? `: ${detail.replace(/\.$/, '')}` : ''}. Retry; if it persists, see the Convox log (Convox: Show Log).`,
  };
}

/** A failed read of a rack's resources, its message already reduced to what is safe and useful to show. */
export class AwsReadError extends Error {
  override readonly name = 'AwsReadError';
  readonly kind: DiscoveryErrorKind;

  constructor(classified: ClassifiedError) {
    super(classified.message);
    this.kind = classified.kind;
  }
}
