import { ModelError } from '../errorMessage';

/** A change set CloudFormation could not make; `cleaned` says whether its empty stack was removed. */
export class ChangeSetFailedError extends ModelError {
  static override readonly errorName = 'ChangeSetFailedError';

  constructor(
    readonly statusReason: string,
    readonly stackName: string,
    readonly cleaned: boolean,
  ) {
    super(
      cleaned
        ? `CloudFormation could not prepare the rack ${stackName}: ${statusReason}. Its empty stack was deleted, so the name is free again.`
        : `CloudFormation could not prepare the rack ${stackName}: ${statusReason}. Its empty stack (REVIEW_IN_PROGRESS) could not be deleted and blocks the name: delete it (Delete Failed Rack, or in the CloudFormation console).`,
    );
  }
}

/** The name is used by a stack in this account and region; nothing was created. */
export class NameTakenError extends ModelError {
  static override readonly errorName = 'NameTakenError';
}
