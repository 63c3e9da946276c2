import { ApiError } from '../errors';
import type { JsonInput, JsonObject } from '../protocols/json';
import type { Context, JsonService } from './service';

/** EventBridge DisableRule, as the uninstall stops the rack's autoscaler before deleting it. */
function disableRule({ data }: Context, input: JsonInput): JsonObject {
  const name = input.string('Name');
  if (name === undefined)
    throw new ApiError(
      'ValidationException',
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
  const rule = (data.eventRules ?? []).find((candidate) => candidate.name === name);
  if (!rule) throw new ApiError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus default.`);
  rule.state = 'DISABLED';
  return {};
}

export const events: JsonService = {
  wire: 'awsJson1_1',
  signingName: 'events',
  targetPrefix: 'AWSEvents',
  operations: { DisableRule: disableRule },
};
