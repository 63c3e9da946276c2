import {
  DescribeStacksCommand,
  type CloudFormationClient,
  type DescribeStacksCommandOutput,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { earlyNextTokens } from './convoxStacksOnly';
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

/**
 * One page of the listing, and its NextToken as soon as the answer is in (before the SDK has parsed it, when it can
 * be read as written), so that the next page is asked for while this one is parsed.
 */
function askPage(
  client: CloudFormationClient,
  token: string | undefined,
  signal: AbortSignal,
): { page: Promise<DescribeStacksCommandOutput>; nextToken: Promise<string | undefined> } {
  const input = token === undefined ? {} : { NextToken: token };
  let heard: (token: string | undefined) => void = () => undefined;
  const early = new Promise<string | undefined>((resolve) => (heard = resolve));
  earlyNextTokens.set(input, heard);
  const page = client.send(new DescribeStacksCommand(input), { abortSignal: signal });
  return { page, nextToken: Promise.race([early, page.then((answer) => answer.NextToken || undefined)]) };
}

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
      // A page asked for while the one before is still being parsed is not left running when the listing fails.
      const stop = new AbortController();
      const stopped = (): void => stop.abort();
      abortSignal.addEventListener('abort', stopped, { once: true });
      const asked: Array<Promise<unknown>> = [];
      try {
        let request = askPage(client, undefined, stop.signal);
        for (;;) {
          asked.push(request.page);
          const next = await request.nextToken;
          if (next !== undefined) {
            if (tokens.has(next)) throw new PagingError('the same NextToken came back twice');
            if (pages + 1 >= maxPagesPerListing)
              throw new PagingError(`there were still more pages after ${maxPagesPerListing}`);
            tokens.add(next);
          }
          const current = request;
          if (next !== undefined) request = askPage(client, next, stop.signal);
          const page = await current.page;
          if ((page.NextToken || undefined) !== next)
            throw new PagingError('the NextToken read early was not the one parsed');
          const found = (page.Stacks ?? []).map(describeStack).filter((stack) => stack !== undefined);
          pages += 1;
          if (found.length > 0) report({ ...origin, racks: collector.add(found).racks(), done: false });
          if (next === undefined) break;
        }
      } finally {
        abortSignal.removeEventListener('abort', stopped);
        stop.abort();
        await Promise.allSettled(asked);
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
