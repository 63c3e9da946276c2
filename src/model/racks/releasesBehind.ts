import { versionProblem, type Release } from '../install/releases';
import { escapeMarkdown } from '../markdown';
import type { Rack } from '../rack';
import { targetRelease, updateChoices } from '../update/target';
import type { Row } from './rows';

/** Where a rack's release stands in the published list: what its row adds to its description and tooltip. */
export type ReleaseStanding =
  | { kind: 'unknown'; version: string }
  | { kind: 'latest'; version: string; ageDays?: number }
  | {
      kind: 'behind';
      version: string;
      /** Published releases after the rack's, in list order. */
      behind: number;
      required: number;
      /**
       * Where `convox rack update` without a version moves the rack (§6): the first required one (so it is required
       * whenever `required` > 0), else the newest.
       */
      nextStop: string;
      ageDays?: number;
    };

const dayMs = 24 * 60 * 60 * 1000;

/** Days since the release was cut, from its name (yyyymmddhhmmss, UTC); undefined for a name that is no such date. */
export function releaseAgeDays(version: string, now: Date): number | undefined {
  const parts = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(version)?.slice(1).map(Number);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts;
  const cut = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 20251340… over into another date: a name that does not come back the same is no date.
  if (cut.toISOString().replace(/\D/g, '').slice(0, 14) !== version) return undefined;
  return Math.max(0, Math.floor((now.getTime() - cut.getTime()) / dayMs));
}

/**
 * How far behind the published releases a rack is, from the release list (oldest first, never sorted by name);
 * undefined when there is nothing to say: no list (it could not be read), a local or v3 rack, no version.
 */
export function releaseStanding(
  rack: Rack,
  releases: readonly Release[] | undefined,
  now: Date,
): ReleaseStanding | undefined {
  const version = rack.version;
  if (!releases || rack.local || !version) return undefined;
  if (!releases.some((release) => release.version === version)) return { kind: 'unknown', version };
  const ageDays = releaseAgeDays(version, now);
  const later = updateChoices(releases, version);
  if (later.length === 0) return { kind: 'latest', version, ageDays };
  const nextStop = targetRelease(releases, version) ?? version;
  return {
    kind: 'behind',
    version,
    behind: later.length,
    required: later.filter((release) => release.required).length,
    nextStop,
    ageDays,
  };
}

/** Where Convox publishes a release's notes; undefined for a name that has no place in a URL. */
export function releaseNotesUrl(version: string): string | undefined {
  if (versionProblem(version) !== undefined) return undefined;
  return `https://github.com/convox/rack/releases/tag/${encodeURIComponent(version)}`;
}

function shortAge(days: number): string {
  return days < 1 ? '< 1 d' : `${days} d`;
}

/** `, 84 days old` for the tooltip; nothing for a release whose name is no date. */
function ageClause(days: number | undefined): string {
  if (days === undefined) return '';
  if (days < 1) return ', less than a day old';
  return `, ${days} day${days === 1 ? '' : 's'} old`;
}

/** The few words the row's description ends with, e.g. `3 behind (1 required) · release 84 d old`. */
export function standingDescription(standing: ReleaseStanding): string {
  switch (standing.kind) {
    case 'unknown':
      return 'unknown release';
    case 'latest':
      return 'latest';
    case 'behind': {
      const required = standing.required > 0 ? ` (${standing.required} required)` : '';
      const age = standing.ageDays === undefined ? '' : ` · release ${shortAge(standing.ageDays)} old`;
      return `${standing.behind} behind${required}${age}`;
    }
  }
}

/** The tooltip's paragraph (Markdown, every name escaped), with a link to the next stop's release notes. */
export function standingTooltip(standing: ReleaseStanding): string {
  const version = escapeMarkdown(standing.version);
  switch (standing.kind) {
    case 'unknown':
      return `Release ${version} is not in the release list: how far behind it is, is unknown.`;
    case 'latest':
      return `Release ${version} is the latest published${ageClause(standing.ageDays)}.`;
    case 'behind': {
      const newer = `${standing.behind} newer release${standing.behind === 1 ? '' : 's'}`;
      const required = standing.required > 0 ? `, ${standing.required} of them required` : '';
      const url = releaseNotesUrl(standing.nextStop);
      const notes = url ? ` ([release notes](${url}))` : '';
      const stop = `${escapeMarkdown(standing.nextStop)}${standing.required > 0 ? ' (required)' : ''}${notes}`;
      return `Release ${version}${ageClause(standing.ageDays)}: **${newer}**${required}.  \n\`convox rack update\` moves to ${stop}.`;
    }
  }
}

/** A rack's row with its standing added at the end of its description and tooltip; unchanged without one. */
export function withReleaseStanding(row: Row, standing: ReleaseStanding | undefined): Row {
  if (!standing) return row;
  const tooltip = !row.tooltip
    ? undefined
    : 'markdown' in row.tooltip
      ? row.tooltip.markdown
      : escapeMarkdown(row.tooltip.text);
  return {
    ...row,
    description: `${row.description} · ${standingDescription(standing)}`,
    tooltip: { markdown: [tooltip, standingTooltip(standing)].filter(Boolean).join('\n\n') },
  };
}
