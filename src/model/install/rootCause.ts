import { chronological, isStackEvent, type StackEvent } from '../stackEvents';

/** The failure that started a failed create, update or delete, in words a person can act on. */
export interface RootCause {
  logicalId: string;
  resourceType: string;
  status: string;
  /** The reason without AWS's wrappers and request ids. */
  reason: string;
  /** The reason as CloudFormation gave it. */
  rawReason: string;
  at: Date;
}

/** Reasons CloudFormation gives to resources it stopped because another failed: the cascade, never the cause. */
const cascade = /^Resource (creation|update|deletion) cancelled\.?$/i;
/** The stack's own summary of the failed resources. */
const stackSummary = /^The following resource\(s\) failed to/i;

/** A reason that says something: not empty, not the cascade, not the stack's summary, not "User Initiated". */
function telling(reason: string): boolean {
  return reason !== '' && reason !== 'User Initiated' && !cascade.test(reason) && !stackSummary.test(reason);
}

/** Stack statuses whose reason may be the cause itself (a template error, a quota refused before any resource). */
const stackFailure = /_FAILED$|^(UPDATE_)?ROLLBACK_IN_PROGRESS$/;

/**
 * The earliest resource failure that is not the cascade. Falls back to the stack's own failure reason when no
 * resource says more.
 */
export function rootCause(newestFirst: readonly StackEvent[], stackName: string): RootCause | undefined {
  const events = chronological(newestFirst);
  const chosen =
    events.find(
      (event) => !isStackEvent(event, stackName) && event.status.endsWith('_FAILED') && telling(event.reason ?? ''),
    ) ??
    events.find(
      (event) => isStackEvent(event, stackName) && stackFailure.test(event.status) && telling(event.reason ?? ''),
    );
  if (!chosen?.reason) return undefined;
  const rawReason = chosen.reason;
  return {
    logicalId: chosen.logicalId,
    resourceType: chosen.resourceType,
    status: chosen.status,
    reason: plainReason(rawReason),
    rawReason,
    at: chosen.at,
  };
}

/**
 * A CloudFormation reason without its wrappers: `Resource handler returned message: "…" (RequestToken: …,
 * HandlerErrorCode: …)` becomes the message; a custom resource's `Received response status [FAILED] from custom
 * resource. Message returned: …` becomes what the function said; service request ids go.
 */
export function plainReason(reason: string): string {
  let text = reason.trim();
  const handler = /^Resource handler returned message:\s*"([\s\S]*)"\s*(\(RequestToken:[^)]*\))?\s*$/.exec(text);
  if (handler) text = handler[1];
  // The function's own text follows "Message returned:"; its spacing is folded below.
  const custom = /^Received response status \[FAILED\] from custom resource\.\s*Message returned:([\s\S]*)/.exec(text);
  if (custom) text = custom[1];
  return text
    .replace(/\s*\(RequestToken:[^)]*\)/g, '')
    .replace(/\s*\(RequestId:[^)]*\)/g, '')
    .replace(/\s*\(Service:[^)]*\)/g, '')
    .replace(/\s*\(HandlerErrorCode:[^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One sentence naming the root cause: resource, type and reason, without a closing full stop (the caller adds one). */
export function rootCauseSentence(cause: RootCause): string {
  return `${cause.logicalId} (${cause.resourceType}) failed: ${cause.reason.replace(/\.$/, '')}`;
}
