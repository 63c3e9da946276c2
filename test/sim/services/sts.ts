// STS (awsQuery): AssumeRole, as a role profile's chain ends in it. The role is taken in the caller's own account:
// the temporary credentials carry the caller's access key id (the simulator knows accounts by key), a session
// token and an expiry an hour away.
import { ApiError } from '../errors';
import type { QueryInput } from '../protocols/query';
import type { XmlObject } from '../protocols/xml';
import type { Context, QueryService } from './service';

function assumeRole(context: Context, input: QueryInput): XmlObject {
  const roleArn = input.string('RoleArn');
  const sessionName = input.string('RoleSessionName');
  if (!roleArn || !sessionName) throw new ApiError('ValidationError', 'RoleArn and RoleSessionName are required');
  const role = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(roleArn);
  if (!role || role[1] !== context.account)
    throw new ApiError(
      'AccessDenied',
      `User is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      403,
    );
  return {
    Credentials: {
      AccessKeyId: context.accessKeyId ?? '',
      SecretAccessKey: 'assumed-secret',
      SessionToken: `session-${sessionName}`,
      Expiration: new Date(Date.now() + 3_600_000),
    },
    AssumedRoleUser: {
      Arn: `arn:aws:sts::${context.account}:assumed-role/${role[2]}/${sessionName}`,
      AssumedRoleId: `AROA${context.account}:${sessionName}`,
    },
  };
}

export const sts: QueryService = {
  wire: 'awsQuery',
  signingName: 'sts',
  xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
  operations: { AssumeRole: assumeRole },
};
