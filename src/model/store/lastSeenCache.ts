import { pairKey, type Pair } from '../pair';
import type { Rack, RackStatus } from '../rack';
import { isRegionCode } from '../settings';

/** The stored value's format. A value of another version is ignored, and replaced by the next write. */
export const lastSeenVersion = 1;

/** At most this much is kept; past it the pairs seen longest ago are dropped first. */
export const lastSeenLimits = { pairs: 100, racks: 300 };

/** What a Racks view row shows of a rack, and nothing more: no parameters, outputs, tags or status reasons. */
export interface SeenRack {
  stackId: string;
  name: string;
  status: RackStatus;
  cloudformationStatus: string;
  version?: string;
}

/** One (profile, region)'s racks as its last complete answer listed them, and when (ms since the epoch). */
export interface SeenPair extends Pair {
  seenAt: number;
  racks: SeenRack[];
}

/** Every status, so that a stored one is checked against the type itself. */
const statuses: Record<RackStatus, true> = {
  new: true,
  creating: true,
  running: true,
  converging: true,
  updating: true,
  rollback: true,
  deleting: true,
  failed: true,
  unknown: true,
};

/** A CloudFormation stack name, as AWS allows it. */
const stackName = /^[A-Za-z][-A-Za-z0-9]{0,127}$/;
const cloudformationStatus = /^[A-Z_]{1,64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength;
}

function isStatus(value: unknown): value is RackStatus {
  return typeof value === 'string' && Object.hasOwn(statuses, value);
}

function seenRack(value: unknown): SeenRack | undefined {
  if (!isRecord(value)) return undefined;
  const { stackId, name, status, cloudformationStatus: stackStatus, version } = value;
  if (!isText(stackId, 2048) || typeof name !== 'string' || !stackName.test(name) || !isStatus(status))
    return undefined;
  if (typeof stackStatus !== 'string' || !cloudformationStatus.test(stackStatus)) return undefined;
  if (version !== undefined && !isText(version, 64)) return undefined;
  return { stackId, name, status, cloudformationStatus: stackStatus, ...(version === undefined ? {} : { version }) };
}

function seenPair(value: unknown): SeenPair | undefined {
  if (!isRecord(value)) return undefined;
  const { organization, profile, region, seenAt, racks } = value;
  if (!isText(organization, 256) || !isText(profile, 256) || typeof region !== 'string' || !isRegionCode(region))
    return undefined;
  if (typeof seenAt !== 'number' || !Number.isFinite(seenAt) || seenAt < 0 || !Array.isArray(racks)) return undefined;
  const kept = racks.flatMap((rack) => seenRack(rack) ?? []);
  return kept.length > 0 ? { organization, profile, region, seenAt, racks: kept } : undefined;
}

/**
 * Within the limits: one entry per pair (the newest), newest first, the racks counted in that order until the
 * budget is spent; whatever is past it, the oldest, is dropped.
 */
export function boundLastSeen(pairs: readonly SeenPair[]): SeenPair[] {
  const newestFirst = [...pairs].sort((a, b) => b.seenAt - a.seenAt);
  const seen = new Set<string>();
  const kept: SeenPair[] = [];
  let budget = lastSeenLimits.racks;
  for (const pair of newestFirst) {
    const key = pairKey(pair);
    if (seen.has(key) || budget === 0 || kept.length === lastSeenLimits.pairs) continue;
    seen.add(key);
    const racks = pair.racks.slice(0, budget);
    budget -= racks.length;
    kept.push({ ...pair, racks });
  }
  return kept;
}

/**
 * The stored value read back, checked field by field: it may come from another version of the extension or be
 * edited by hand. Another version or a value that is no cache at all gives nothing; a malformed pair or rack is
 * dropped alone. Never throws.
 */
export function parseLastSeen(raw: unknown): SeenPair[] {
  if (!isRecord(raw) || raw.version !== lastSeenVersion || !Array.isArray(raw.pairs)) return [];
  return boundLastSeen(raw.pairs.flatMap((pair) => seenPair(pair) ?? []));
}

/** The value to store, within the limits. */
export function encodeLastSeen(pairs: readonly SeenPair[]): { version: number; pairs: SeenPair[] } {
  return { version: lastSeenVersion, pairs: boundLastSeen(pairs) };
}

/** What is kept of a listed rack. */
export function seenRackOf(rack: Rack): SeenRack {
  return {
    stackId: rack.stackId,
    name: rack.name,
    status: rack.status,
    cloudformationStatus: rack.cloudformationStatus,
    // Only a version the read-back check accepts, so that the rack is not dropped for it.
    ...(rack.version && rack.version.length <= 64 ? { version: rack.version } : {}),
  };
}
