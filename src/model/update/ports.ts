import { ModelError } from '../errorMessage';
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
export class PreviewFailedError extends ModelError {
  static override readonly errorName = 'PreviewFailedError';

  constructor(readonly statusReason: string) {
    super(`CloudFormation could not compute the preview: ${statusReason}`);
  }
}

/** Where and as whom to call a rack API. The password goes in the request only once the certificate is verified. */
export interface RackApiTarget {
  /** The `Dashboard` output: `host` or `host:port`. */
  host: string;
  password: string;
  /** SHA-256 fingerprint of a certificate the person chose to trust for this host; absent: the system's authorities. */
  pinnedFingerprint?: string;
}

/** What `GET /system` answers (structs.System), the parts the extension reads. */
export interface RackSystem {
  name: string;
  status: string;
  version: string;
  count: number;
  type: string;
  parameters: Record<string, string>;
}

/**
 * A rack's own HTTPS API (what `convox rack`, `rack params set` and `rack scale` use). Every call ends within its
 * deadline; a certificate the system does not trust, or that differs from the pin, is refused before the password
 * is sent (UntrustedCertificateError); an answer with an error status is a RackApiError.
 */
export interface RackApi {
  /** `GET /system`. */
  system(target: RackApiTarget, deadlineMs: number): Promise<RackSystem>;
  /** `PUT /system` with the form `convox rack update/params set/scale` sends. */
  update(target: RackApiTarget, form: string, deadlineMs: number): Promise<void>;
}
