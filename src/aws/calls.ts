import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { ChangeSetFailedError, NameTakenError } from '../model/install/errors';
import type { InstallTarget } from '../model/store/ports';
import type { AwsClients } from './clients';
import { pollUntil } from '../model/pollUntil';
import { DeadlineError, withDeadline } from './deadline';
import { AwsReadError, classifyError } from './errors';
import { endpointLabel, type AwsProfile, type ServiceKey } from './profiles';

/** Where a call goes: a profile and a region. */
export type Where = Pick<InstallTarget, 'profile' | 'region'>;

/** Whether `error` is CloudFormation saying the stack does not exist. */
export const missingStack = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message);

/**
 * One step within its deadline; an AWS failure becomes an AwsReadError whose message says what to do next (the
 * install's own NameTakenError and ChangeSetFailedError pass as they are).
 */
export async function awsCall<T>(
  clients: AwsClients,
  target: Where,
  service: ServiceKey,
  action: string,
  deadlineMs: number,
  work: (profile: AwsProfile, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const profile = clients.profile(target.profile);
  const endpoint = endpointLabel(profile, service, target.region);
  try {
    return await withDeadline(deadlineMs, endpoint, (signal) => work(profile, signal));
  } catch (error) {
    if (error instanceof NameTakenError || error instanceof ChangeSetFailedError) throw error;
    const waitingForCredentials = clients.isResolvingCredentials(target.profile);
    throw new AwsReadError(
      classifyError(error, { profile: target.profile, region: target.region, endpoint, action, waitingForCredentials }),
    );
  }
}

/** An `awsCall` without its clients: what `AwsCalls.call` and the AWS ports' reads take. */
export type CallOf<T> = [
  target: Where,
  service: ServiceKey,
  action: string,
  deadlineMs: number,
  work: (profile: AwsProfile, signal: AbortSignal) => Promise<T>,
];

/** What the stack, release and install ports share: the clients, and `awsCall` on them. */
export abstract class AwsCalls {
  constructor(protected readonly clients: AwsClients) {}

  protected cloudFormation(profile: AwsProfile, target: Where): CloudFormationClient {
    return this.clients.cloudFormation(profile, target.region);
  }

  protected call<T>(...call: CallOf<T>): Promise<T> {
    return awsCall(this.clients, ...call);
  }
}

/** Where a poll's reads go and what it waits for, to say so if it runs out of time. */
export interface PollTarget extends Where {
  endpoint: string;
  action: string;
}

/**
 * Reads until `read` has an answer (a change set computed), pausing `pollMs` between reads. Each read gets what is
 * left until `ends` (epoch ms); once that has passed the poll fails as a call that ran out of its `deadlineMs` would,
 * saying what it waited for.
 */
export async function pollRead<T>(
  read: (leftMs: number) => Promise<T | undefined>,
  timing: { pollMs: number; ends: number; deadlineMs: number },
  target: PollTarget,
): Promise<T> {
  const left = (): number => Math.max(1, timing.ends - Date.now());
  const polled = await pollUntil(
    () => read(left()),
    (answer): answer is T => answer !== undefined,
    { everyMs: timing.pollMs, withinMs: timing.ends - Date.now() },
  );
  if (polled.ready) return polled.value;
  throw new AwsReadError(classifyError(new DeadlineError(target.endpoint, timing.deadlineMs), target));
}
