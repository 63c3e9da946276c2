import type { DiscoveryErrorKind } from '../model/rack';

export interface ClassifiedError {
  kind: DiscoveryErrorKind;
  /** What went wrong and what to do next, in words a person can act on. */
  message: string;
}

const expiredCodes = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired', 'InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch']);
const deniedCodes = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'OptInRequired']);
const throttledCodes = new Set(['Throttling', 'ThrottlingException', 'ThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException']);
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'TimeoutError', 'RequestTimeout']);

interface ErrorFields {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  $metadata?: { attempts?: number };
}

function fields(error: unknown): ErrorFields {
  return typeof error === 'object' && error !== null ? (error as ErrorFields) : { message: String(error) };
}

/** The network-level code of an error or of the error that caused it (the SDK wraps socket errors). */
function networkCode(error: ErrorFields): string | undefined {
  for (let current: ErrorFields | undefined = error, depth = 0; current && depth < 4; current = current.cause ? fields(current.cause) : undefined, depth++) {
    if (current.code && networkCodes.has(current.code)) return current.code;
    if (current.name && networkCodes.has(current.name)) return current.name;
  }
  return undefined;
}

/** Sorts an AWS SDK failure into the kinds the views know, with a message that says what to do next. */
export function classifyError(error: unknown, context: { profile: string; region: string; action: string }): ClassifiedError {
  const failure = fields(error);
  const name = failure.name ?? 'Error';
  const detail = (failure.message ?? '').trim();
  const { profile, region, action } = context;
  if (expiredCodes.has(name) || (name === 'CredentialsProviderError' && /expired|refresh|sso/i.test(detail))) {
    return {
      kind: 'expired-credentials',
      message: `The credentials of profile "${profile}" have expired or are no longer valid (${detail || name}). Sign in again (for SSO: aws sso login --profile ${profile}) or renew the keys, then retry.`,
    };
  }
  if (name === 'CredentialsProviderError') {
    return {
      kind: 'expired-credentials',
      message: `No usable credentials for profile "${profile}": ${detail}. Check the profile in your AWS config and credentials files, then retry.`,
    };
  }
  if (deniedCodes.has(name)) {
    return {
      kind: 'access-denied',
      message: `Profile "${profile}" may not ${action} in ${region} (${detail || name}). Ask for that permission, or remove ${region} from the setting convox.regions.`,
    };
  }
  if (throttledCodes.has(name)) {
    const attempts = failure.$metadata?.attempts;
    return {
      kind: 'throttled',
      message: `AWS kept throttling ${action} in ${region} for profile "${profile}"${attempts ? ` after ${attempts} attempts` : ''}. Wait a minute, then retry.`,
    };
  }
  const network = networkCode(failure);
  if (network) {
    return {
      kind: 'network',
      message: `Could not reach AWS in ${region} for profile "${profile}" (${network}: ${detail}). Check your network, proxy or the profile's endpoint_url, then retry.`,
    };
  }
  if (name === 'PagingError') {
    return {
      kind: 'other',
      message: `AWS answered ${action} in ${region} for profile "${profile}" with pages that never end (${detail}), so the listing stopped. Check the profile's endpoint_url (a proxy or emulator may be misbehaving), then retry.`,
    };
  }
  if (name === 'SyntaxError' || /Deserialization|parse error|char '|Unexpected (token|end)|Invalid (XML|JSON)|non-whitespace/i.test(`${name} ${detail}`)) {
    return {
      kind: 'other',
      message: `AWS answered ${action} in ${region} with something that could not be read (${detail || name}). Retry; if it persists, check the profile's endpoint_url.`,
    };
  }
  return {
    kind: 'other',
    message: `Could not ${action} in ${region} for profile "${profile}": ${name}${detail ? `: ${detail.replace(/\.$/, '')}` : ''}. Retry; if it persists, see the Convox log (Convox: Show Log).`,
  };
}
