// What the extension would have kept on this machine after listing a simulator world once: the globalState of a
// window reopened on that world, for sessions that start with the last-seen racks in place.
import { organizationOf } from '../../src/model/discoveryPlan';
import { encodeLastSeen, seenRackOf, type SeenPair } from '../../src/model/store/lastSeenCache';
import { racksFromStacks, type StackDescription } from '../../src/model/stacks';
import type { Scenario, Stack } from '../sim';

function described(stack: Stack): StackDescription {
  return {
    stackId: stack.id,
    name: stack.name,
    status: stack.status,
    statusReason: stack.reason,
    tags: stack.tags,
    parameters: Object.fromEntries(stack.parameters.map((parameter) => [parameter.key, parameter.value])),
    outputs: Object.fromEntries(stack.outputs.map((output) => [output.key, output.value])),
    createdAt: stack.createdAt,
    updatedAt: stack.updatedAt,
    parentId: stack.parentId,
  };
}

/**
 * Every profile's racks in its own region and the scenario's regions, as seen `seenAt` (ms since the epoch), in
 * the extension's globalState: faults are not applied, so a pair that would fail is cached as when it last answered.
 */
export function lastSeenState(scenario: Scenario, seenAt: number): Record<string, unknown> {
  const pairs: SeenPair[] = [];
  for (const profile of scenario.profiles) {
    const account = scenario.accounts.find((candidate) => candidate.accessKeyIds.includes(profile.accessKeyId));
    const organization = organizationOf(profile.name, scenario.organizations);
    for (const region of new Set([profile.region, ...scenario.regions])) {
      const stacks = (account?.regions[region]?.stacks ?? [])
        .filter((stack) => stack.status !== 'DELETE_COMPLETE')
        .map(described);
      const racks = racksFromStacks(stacks, { organization, profile: profile.name, region });
      if (racks.length > 0)
        pairs.push({ organization, profile: profile.name, region, seenAt, racks: racks.map(seenRackOf) });
    }
  }
  return { 'convox.racks.lastSeen': encodeLastSeen(pairs) };
}
