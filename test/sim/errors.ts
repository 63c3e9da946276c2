import type { Wire } from './protocols/wire';

/** An AWS error answer: code as the service sends it, message, HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** Errors every service can answer, whatever the operation. */
export type CommonError =
  | 'throttle'
  | 'expired'
  | 'denied'
  | 'internal'
  | 'unrecognizedKey'
  | 'missingAuth'
  | 'incompleteSignature'
  | 'unknownOperation';

type Shape = [code: string, status: number, message: string];

// Codes and statuses as the real services answer them. EC2 has its own vocabulary
// (RequestLimitExceeded, RequestExpired, UnauthorizedOperation, AuthFailure), and AWS JSON services
// send client-side auth errors with status 400.
const shapes: Record<CommonError, Record<Wire, Shape>> = {
  throttle: {
    awsQuery: ['Throttling', 400, 'Rate exceeded'],
    ec2Query: ['RequestLimitExceeded', 503, 'Request limit exceeded.'],
    awsJson1_1: ['ThrottlingException', 400, 'Rate exceeded'],
  },
  expired: {
    awsQuery: ['ExpiredToken', 403, 'The security token included in the request is expired'],
    ec2Query: ['RequestExpired', 400, 'Request has expired.'],
    awsJson1_1: ['ExpiredTokenException', 400, 'The security token included in the request is expired'],
  },
  denied: {
    awsQuery: ['AccessDenied', 403, 'User is not authorized to perform this operation'],
    ec2Query: ['UnauthorizedOperation', 403, 'You are not authorized to perform this operation.'],
    awsJson1_1: ['AccessDeniedException', 400, 'User is not authorized to perform this operation'],
  },
  internal: {
    awsQuery: ['InternalFailure', 500, 'The request processing has failed because of an unknown error.'],
    ec2Query: ['InternalError', 500, 'An internal error has occurred.'],
    awsJson1_1: ['InternalFailure', 500, 'The request processing has failed because of an unknown error.'],
  },
  unrecognizedKey: {
    awsQuery: ['InvalidClientTokenId', 403, 'The security token included in the request is invalid.'],
    ec2Query: ['AuthFailure', 401, 'AWS was not able to validate the provided access credentials'],
    awsJson1_1: ['UnrecognizedClientException', 400, 'The security token included in the request is invalid.'],
  },
  missingAuth: {
    awsQuery: ['MissingAuthenticationToken', 403, 'Request is missing Authentication Token'],
    ec2Query: ['MissingAuthenticationToken', 401, 'Request is missing Authentication Token'],
    awsJson1_1: ['MissingAuthenticationTokenException', 403, 'Missing Authentication Token'],
  },
  incompleteSignature: {
    awsQuery: ['IncompleteSignature', 403, "Authorization header requires 'Credential' parameter."],
    ec2Query: ['IncompleteSignature', 401, "Authorization header requires 'Credential' parameter."],
    awsJson1_1: ['IncompleteSignatureException', 403, "Authorization header requires 'Credential' parameter."],
  },
  unknownOperation: {
    awsQuery: ['InvalidAction', 400, 'Could not find operation'],
    ec2Query: ['InvalidAction', 400, 'The action is not valid for this web service.'],
    awsJson1_1: ['UnknownOperationException', 400, 'Unknown operation'],
  },
};

/** The error `kind` as `wire`'s services send it; `detail` is appended to the message. */
export function commonError(kind: CommonError, wire: Wire, detail?: string): ApiError {
  const [code, status, message] = shapes[kind][wire];
  return new ApiError(code, detail ? `${message}: ${detail}` : message, status);
}
