// SSM (awsJson1_1, `AmazonSSM.GetParameter`): the one parameter a rack's API password lives in.
import { ApiError } from '../errors';
import type { JsonInput, JsonObject } from '../protocols/json';
import type { Context, JsonService } from './service';

const suffix = 'RackApiSecret';

/**
 * `<rack>RackApiSecret`, a SecureString holding the rack stack's `Password` parameter, as the rack template makes
 * it. Without WithDecryption SSM answers the encrypted blob, which is never the password.
 */
function getParameter(context: Context, input: JsonInput): JsonObject {
  const name = input.string('Name');
  if (!name) throw new ApiError('ValidationException', '1 validation error detected: Value null at \'name\' failed to satisfy constraint: Member must not be null');
  const rack = name.endsWith(suffix) ? name.slice(0, -suffix.length) : undefined;
  const stack = context.data.stacks.find((candidate) => candidate.name === rack && !candidate.deletedAt && !candidate.parentId);
  const password = stack?.parameters.find((parameter) => parameter.key === 'Password')?.value;
  if (password === undefined) throw new ApiError('ParameterNotFound', '');
  const decrypt = input.boolean('WithDecryption') ?? false;
  return {
    Parameter: {
      Name: name,
      Type: 'SecureString',
      Value: decrypt ? password : Buffer.from(`encrypted:${name}`).toString('base64'),
      Version: 1,
      ARN: `arn:aws:ssm:${context.region}:${context.account}:parameter/${name}`,
      DataType: 'text',
      LastModifiedDate: stack?.createdAt,
    },
  };
}

export const ssm: JsonService = {
  wire: 'awsJson1_1',
  signingName: 'ssm',
  targetPrefix: 'AmazonSSM',
  operations: { GetParameter: getParameter },
};
