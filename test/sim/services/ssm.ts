// SSM (awsJson1_1, `AmazonSSM.GetParameter`): the one parameter a rack's API password lives in.
import { ApiError } from '../errors';
import type { JsonInput, JsonObject } from '../protocols/json';
import type { Context, JsonService } from './service';

const suffix = 'RackApiSecret';

/**
 * `<rack>RackApiSecret` holds the rack stack's `Password` parameter, as the rack template makes it: a plain
 * String parameter (CloudFormation cannot create SecureString ones), so WithDecryption changes nothing.
 */
function getParameter(context: Context, input: JsonInput): JsonObject {
  const name = input.string('Name');
  if (!name)
    throw new ApiError(
      'ValidationException',
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
  const rack = name.endsWith(suffix) ? name.slice(0, -suffix.length) : undefined;
  const stack = context.data.stacks.find(
    (candidate) => candidate.name === rack && !candidate.deletedAt && !candidate.parentId,
  );
  // Racks older than release 20230322 have no such parameter: their template made none.
  const made = stack?.resources.some(
    (resource) =>
      resource.logicalId === 'RackApiSecret' &&
      resource.physicalId !== undefined &&
      resource.status !== 'DELETE_COMPLETE',
  );
  if (!made) throw new ApiError('ParameterNotFound', '');
  const password = stack?.parameters.find((parameter) => parameter.key === 'Password')?.value;
  if (password === undefined) throw new ApiError('ParameterNotFound', '');
  // Type-checked as AWS does, then of no effect on a String parameter.
  input.boolean('WithDecryption');
  return {
    Parameter: {
      Name: name,
      Type: 'String',
      Value: password,
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
