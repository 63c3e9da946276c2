import { ago } from '../cliRows';
import { escapeMarkdown, markdownRows } from '../markdown';
import { pairKey } from '../pair';
import type { DiscoveryError, Rack } from '../rack';
import type { LastSeenRack } from '../store/lastSeenRacks';
import { statusStyle } from '../statusStyle';
import { errorSummary, type Row } from './rows';

/** The theme colour of a last-seen rack's icon: dimmed, since what it shows is not live. */
export const lastSeenColor = 'disabledForeground';

const shortUnits: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400],
  ['h', 3_600],
  ['min', 60],
];

/** How long ago a rack was last seen, short enough for a row: `seen 3 h ago`, `seen 5 min ago`, `seen just now`. */
export function seenAgo(seenAt: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - seenAt) / 1000));
  for (const [unit, size] of shortUnits) if (seconds >= size) return `seen ${Math.floor(seconds / size)} ${unit} ago`;
  return 'seen just now';
}

/** Where a rack was listed, as error rows name a (profile, region). */
function where(rack: LastSeenRack): string {
  return `${rack.profile} · ${rack.region}`;
}

/**
 * A rack drawn from the last-seen cache: its row as last listed (status, region, version) and how long ago, its
 * status's codicon dimmed and never spinning, nothing to expand. `contextValue` is
 * `rack[.current].lastSeen.<status>`: the rack menus stay, and a command run on it waits for a fresh answer.
 */
export function lastSeenRackRow(rack: LastSeenRack, current: boolean, now: number): Row {
  const style = statusStyle(rack.status);
  const seen = seenAgo(rack.seenAt, now);
  const note = `Shown from the last answer of ${where(rack)} kept on this machine, until that profile and region answer again. A command run on it waits for that answer and acts on the rack as it is then.`;
  const rows: Array<[string, string]> = [
    ['Last seen', ago(new Date(rack.seenAt), new Date(now))],
    ['Region', rack.region],
    ['Status', rack.status],
    ['Version', rack.version ?? ''],
    ['Profile', rack.profile],
    ['Stack', rack.cloudformationStatus],
  ];
  return {
    id: `rack/${rack.stackId}`,
    label: `${rack.name}${rack.displayName.slice(rack.fullName.length)}`,
    description: [current ? '✓ current' : '', rack.status, rack.region, rack.version ?? '', seen]
      .filter(Boolean)
      .join(' · '),
    icon: { id: style.icon.replace(/~spin$/, ''), color: lastSeenColor },
    tooltip: {
      markdown: `${markdownRows(
        rack.displayName,
        rows.filter(([, value]) => value !== ''),
      )}\n\n${escapeMarkdown(note)}`,
    },
    contextValue: `rack${current ? '.current' : ''}.lastSeen.${rack.status}`,
    accessibilityLabel: `${rack.displayName}, ${seen}: ${style.label}${current ? ', current rack' : ''}, ${rack.region}`,
    collapsible: 'none',
  };
}

/** One row among an organisation's children: a rack, listed or last seen, by stack id; or a failed pair. */
export type OrganizationEntry = { kind: 'rack'; stackId: string } | { kind: 'error'; error: DiscoveryError };

function byName(a: Pick<Rack, 'fullName' | 'region'>, b: Pick<Rack, 'fullName' | 'region'>): number {
  return a.fullName.localeCompare(b.fullName) || a.region.localeCompare(b.region);
}

/**
 * One organisation's rows in order: its racks by name, listed and last seen alike; then each (profile, region) that
 * failed, with the racks last seen there right under it, still marked as last seen.
 */
export function organizationEntries(
  racks: readonly Rack[],
  lastSeen: readonly LastSeenRack[],
  errors: readonly DiscoveryError[],
): OrganizationEntry[] {
  const failed = new Set(errors.map(pairKey));
  const rackEntry = (rack: { stackId: string }): OrganizationEntry => ({ kind: 'rack', stackId: rack.stackId });
  const listed = [...racks, ...lastSeen.filter((rack) => !failed.has(pairKey(rack)))].sort(byName);
  return [
    ...listed.map(rackEntry),
    ...errors.flatMap((error): OrganizationEntry[] => [
      { kind: 'error', error },
      ...lastSeen.filter((rack) => pairKey(rack) === pairKey(error)).map(rackEntry),
    ]),
  ];
}

/**
 * Why a command run on a last-seen rack did nothing once the fresh answer came: the rack is still only last seen
 * (`stillSeen`: its pair failed again, named by its error row), or gone (its pair answered without it).
 */
export function lastSeenUnresolved(
  rack: LastSeenRack,
  stillSeen: boolean,
  errors: readonly DiscoveryError[],
  now: number,
): string {
  if (!stillSeen) return `${rack.displayName} is gone: ${where(rack)} no longer lists its stack`;
  const error = errors.find((candidate) => pairKey(candidate) === pairKey(rack));
  const why = error ? ` (${errorSummary(error.kind)})` : '';
  return `${rack.displayName} was last ${seenAgo(rack.seenAt, now)}, and ${where(rack)} could not be listed again${why}`;
}
