import { pairKey } from '../pair';
import type { DiscoveryError, Rack } from '../rack';

/** What of one rack changed: its row (status, version, apps…), the servers and containers read for it, or its architecture. */
export type RackAspect = 'summary' | 'details' | 'architecture';

/** One change notification of the store. */
export interface StoreChange {
  /** Organisations, the set or order of racks, error rows, or the store's own state changed: redraw everything. */
  list: boolean;
  /** Racks, by stack id, whose own data changed, with what changed. */
  racks: ReadonlyMap<string, ReadonlySet<RackAspect>>;
}

/** Everything a rack's row and tooltip show; parameters, outputs and tags change only with `updatedAt`. */
function rackSignature(rack: Rack): string {
  return [
    rack.displayName,
    rack.profile,
    rack.region,
    rack.status,
    rack.cloudformationStatus,
    rack.cloudformationReason ?? '',
    rack.version ?? '',
    rack.updatedAt?.getTime() ?? '',
    rack.apps.map((app) => `${app.name}:${app.cloudformationStatus}:${app.generation}`).join(','),
  ].join('\u0000');
}

function errorSignature(error: DiscoveryError): string {
  return `${pairKey(error)}\u0000${error.organization}\u0000${error.kind}\u0000${error.message}`;
}

/**
 * How the merged lists moved from `before` to `after`: a different set or order of racks or errors is a list
 * change; otherwise the racks whose rows differ.
 */
export function diffRacks(
  before: { racks: readonly Rack[]; errors: readonly DiscoveryError[] },
  after: { racks: readonly Rack[]; errors: readonly DiscoveryError[] },
): { list: boolean; changed: string[] } {
  const sameShape =
    before.racks.length === after.racks.length &&
    before.racks.every(
      (rack, index) =>
        rack.stackId === after.racks[index].stackId && rack.organization === after.racks[index].organization,
    ) &&
    before.errors.length === after.errors.length &&
    before.errors.every((error, index) => errorSignature(error) === errorSignature(after.errors[index]));
  if (!sameShape) return { list: true, changed: [] };
  const changed = after.racks
    .filter((rack, index) => rackSignature(rack) !== rackSignature(before.racks[index]))
    .map((rack) => rack.stackId);
  return { list: false, changed };
}
