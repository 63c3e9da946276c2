import { settingDefaults } from '../settings';

/** Which of the rack log group's streams to read: by name prefix, or a server's or task's own streams. */
export type StreamChoice =
  { kind: 'prefix'; prefix: string; label: string } | { kind: 'names'; names: string[]; label: string };

/** The stream choices the logs offer, as the rack writes them (`convox rack logs` reads them all). */
export const streamChoices: readonly StreamChoice[] = [
  { kind: 'prefix', prefix: '', label: 'all streams' },
  { kind: 'prefix', prefix: 'system/cloudformation', label: 'system/cloudformation' },
  { kind: 'prefix', prefix: 'service/web', label: 'service/web' },
  { kind: 'prefix', prefix: 'service/monitor', label: 'service/monitor' },
  { kind: 'prefix', prefix: 'build', label: 'build' },
];

export const allStreams = streamChoices[0];

/** FilterLogEvents takes at most 100 stream names. */
export const maxStreamNames = 100;

/** What the rack logs show: how far back they start, which streams, which events. */
export interface LogOptions {
  /** Milliseconds before opening (or the last change) the logs start at. */
  sinceMs: number;
  /** A CloudWatch Logs filter pattern; empty for every event. */
  filterPattern: string;
  streams: StreamChoice;
}

/** `convox rack logs` starts 2 minutes back. */
export const defaultSinceMs = 2 * 60_000;

export const defaultLogOptions: LogOptions = { sinceMs: defaultSinceMs, filterPattern: '', streams: allStreams };

const unitMs: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The longest a CloudWatch log group keeps events is 10 years; more is a typo. */
const maxSinceMs = 3653 * unitMs.d;

/**
 * A duration as the CLI's `--since` takes it (`90s`, `2m`, `1h30m`), with days (`1d`) too; undefined when it is
 * not one, or is zero.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+[smhd])+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([smhd])/g)) total += Number(amount) * unitMs[unit];
  return total > 0 && total <= maxSinceMs ? total : undefined;
}

/** A duration in the largest units that keep it exact: `2m`, `1h30m`, `1d`. */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms / 1000) * 1000;
  let text = '';
  for (const unit of ['d', 'h', 'm', 's']) {
    const size = unitMs[unit];
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return text || '0s';
}

/** One of the rack's own containers: a task writes to `service/<container>/<task id>` in the rack's group. */
export interface RackContainer {
  container: string;
  taskId: string;
}

/** The streams of a server's or a task's rack containers (at most 100, as FilterLogEvents takes). */
export function streamsOf(label: string, containers: readonly RackContainer[]): StreamChoice {
  const names = containers.map(
    ({ container, taskId }) => `${container === 'build' ? 'build' : 'service'}/${container}/${taskId}`,
  );
  return { kind: 'names', names: [...new Set(names)].slice(0, maxStreamNames), label };
}

export const defaultBufferLines = settingDefaults['logs.bufferLines'];
const minBufferLines = 100;
const maxBufferLines = 1_000_000;

/** The `convox.logs.bufferLines` setting: a whole number of lines within bounds, else the default. */
export function parseBufferLines(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return defaultBufferLines;
  return Math.min(maxBufferLines, Math.max(minBufferLines, Math.floor(value)));
}

/** What the logs show, in a few words: `2m · all streams · "error"`. */
export function describeOptions(options: LogOptions): string {
  const filter = options.filterPattern ? ` · filter ${options.filterPattern}` : '';
  return `since ${formatDuration(options.sinceMs)} · ${options.streams.label}${filter}`;
}
