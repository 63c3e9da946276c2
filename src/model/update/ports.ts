import type { Rack } from '../rack';
import type { Timing } from '../store/ports';
import type { ResourceChange } from './preview';

/** The change set a preview is made of: the rack's own stack, with only the changed values given. */
export interface PreviewRequest {
  /** Parameters of the template that will be used: every one not in `changed` keeps its value (UsePreviousValue). */
  templateParameterKeys: readonly string[];
  changed: Readonly<Record<string, string>>;
  /** The new release's template, when the version changes; absent: the stack's own template (UsePreviousTemplate). */
  templateUrl?: string;
}

export interface ChangeSetPreview {
  changes: ResourceChange[];
  /** Set when CloudFormation found nothing to change ("The submitted information didn't contain changes"). */
  noChanges: boolean;
  /** Whether the change set was deleted afterwards: a preview must leave nothing behind. */
  deleted: boolean;
  calls: number;
}

/**
 * Previews a rack change with a CloudFormation change set of type UPDATE that is never executed: created, read
 * until computed, then deleted. Every call ends within its deadline with an error whose message is safe to show.
 */
export interface ChangePreviewer {
  preview(rack: Rack, request: PreviewRequest, timing: Timing): Promise<ChangeSetPreview>;
}

/** A change set CloudFormation could not compute, with its reason (a parameter rule, a template error). */
export class PreviewFailedError extends Error {
  override readonly name = 'PreviewFailedError';

  constructor(readonly statusReason: string) {
    super(`CloudFormation could not compute the preview: ${statusReason}`);
  }
}
