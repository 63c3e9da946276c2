import { paginateDescribeStacks, type Stack } from '@aws-sdk/client-cloudformation';
import type { PairResult } from '../model/inventory';
import type { Pair } from '../model/pair';
import { RackCollector, type StackDescription } from '../model/stacks';
import type { AwsClients } from './clients';
import { withDeadline } from './deadline';
import { classifyError } from './errors';
import { endpointLabel, type AwsProfile } from './profiles';

/** A pair to scan, with the profile's endpoints. */
export interface DiscoveryTarget {
  pair: Pair;
  awsProfile: AwsProfile;
}

function record(entries: ReadonlyArray<{ Key?: string; Value?: string }> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const { Key, Value } of entries ?? []) if (Key !== undefined) result[Key] = Value ?? '';
  return result;
}

function tagValue(stack: Stack, key: string): string | undefined {
  return stack.Tags?.find((tag) => tag.Key === key)?.Value;
}

/**
 * Only racks and their apps matter, and most stacks of an account are neither: tell them apart from the few
 * fields that decide it before flattening anything.
 */
function mayMatter(stack: Stack): boolean {
  const system = tagValue(stack, 'System');
  if (system === 'convox') return true;
  return system === undefined && !!stack.Outputs?.some((output) => output.OutputKey === 'Dashboard');
}

function describeStack(stack: Stack): StackDescription | undefined {
  if (!stack.StackId || !stack.StackName || !stack.StackStatus || !mayMatter(stack)) return undefined;
  const parameters: Record<string, string> = {};
  for (const { ParameterKey, ParameterValue } of stack.Parameters ?? [])
    if (ParameterKey) parameters[ParameterKey] = ParameterValue ?? '';
  const outputs: Record<string, string> = {};
  for (const { OutputKey, OutputValue } of stack.Outputs ?? []) if (OutputKey) outputs[OutputKey] = OutputValue ?? '';
  return {
    stackId: stack.StackId,
    name: stack.StackName,
    status: stack.StackStatus,
    statusReason: stack.StackStatusReason,
    tags: record(stack.Tags),
    parameters,
    outputs,
    createdAt: stack.CreationTime ?? new Date(0),
    updatedAt: stack.LastUpdatedTime,
    parentId: stack.ParentId,
  };
}

/**
 * Pages one listing may have before it is taken for a broken endpoint: CloudFormation's default quota is 2,000
 * stacks a region, 20 pages of 100, so a real account stays far below this.
 */
export const maxPagesPerListing = 1_000;

/** A listing that would never end: the same NextToken twice, or more pages than any account has. */
export class PagingError extends Error {
  override readonly name = 'PagingError';
}

/** Pairs listed at once: enough to keep a slow region from holding up the rest, few enough for any socket limit. */
export const maxPairsInFlight = 64;

/** Lists one pair's stacks page by page within its deadline, reporting the racks found so far as pages arrive. */
async function discoverPair(
  target: DiscoveryTarget,
  clients: AwsClients,
  report: (result: PairResult) => void,
  deadlineMs: number,
): Promise<void> {
  const origin: Pair = target.pair;
  const collector = new RackCollector(origin);
  const endpoint = endpointLabel(target.awsProfile, 'cloudformation', origin.region);
  let pages = 0;
  try {
    await withDeadline(deadlineMs, endpoint, async (abortSignal) => {
      const tokens = new Set<string>();
      const client = clients.cloudFormation(target.awsProfile, origin.region);
      for await (const page of paginateDescribeStacks({ client }, {}, { abortSignal })) {
        const found = (page.Stacks ?? []).map(describeStack).filter((stack) => stack !== undefined);
        pages += 1;
        if (found.length > 0) report({ ...origin, racks: collector.add(found).racks(), done: false });
        const next = page.NextToken;
        if (next === undefined) continue;
        if (tokens.has(next)) throw new PagingError('the same NextToken came back twice');
        if (pages >= maxPagesPerListing)
          throw new PagingError(`there were still more pages after ${maxPagesPerListing}`);
        tokens.add(next);
      }
    });
    report({ ...origin, racks: collector.racks(), done: true });
  } catch (error) {
    const waitingForCredentials = clients.isResolvingCredentials(origin.profile);
    const { kind, message } = classifyError(error, {
      ...origin,
      endpoint,
      waitingForCredentials,
      action: 'list CloudFormation stacks (cloudformation:DescribeStacks)',
    });
    const incomplete = pages > 0 ? ` Only the first ${pages} page${pages === 1 ? '' : 's'} of stacks were read.` : '';
    report({
      ...origin,
      racks: collector.racks(),
      done: true,
      error: { ...origin, kind, message: message + incomplete },
    });
  }
}

/**
 * Scans every pair, at most `maxPairsInFlight` at once and one request in flight per pair (pages of one region
 * follow each other by nature). Results reach `report` as pages arrive, so the first racks show before the
 * slowest region ends; each pair ends within `deadlineMs` of its start.
 */
export async function discover(
  targets: readonly DiscoveryTarget[],
  clients: AwsClients,
  report: (result: PairResult) => void,
  deadlineMs: number,
): Promise<void> {
  const expired = new Set<string>();
  const queue = [...targets];
  const worker = async (): Promise<void> => {
    for (let target = queue.shift(); target; target = queue.shift()) {
      await discoverPair(
        target,
        clients,
        (result) => {
          if (result.error?.kind === 'expired-credentials') expired.add(result.profile);
          report(result);
        },
        deadlineMs,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(maxPairsInFlight, queue.length) }, worker));
  // Only now, with every pair ended, so that the other regions of such a profile do not sign in again mid-refresh.
  expired.forEach((profile) => clients.forgetProfile(profile));
}
