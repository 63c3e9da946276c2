/**
 * The v2 `convox` CLI's setting files, as its settings code reads and writes them: plain files (`host`, `rack`)
 * hold one trimmed line; keyed files (`auth`, `racks`, `self-managed`) a JSON object of strings, written as Go's
 * `json.MarshalIndent(map, "", "  ")` does (keys sorted, two-space indent, no final newline).
 */

import { ModelError } from '../errorMessage';

export type PlainFile = 'host' | 'rack';
export type KeyedFile = 'auth' | 'racks' | 'self-managed';
export type SettingFile = PlainFile | KeyedFile;

export const keyedFiles: readonly KeyedFile[] = ['auth', 'racks', 'self-managed'];
export const plainFiles: readonly PlainFile[] = ['host', 'rack'];
/** Files holding a password, or saying where one is used: readable by their owner only, as the CLI makes them. */
export const fileMode = 0o600;

/** A setting file the CLI could not read either; it is never overwritten. */
export class CliConfigError extends ModelError {
  static override readonly errorName = 'CliConfigError';
}

export type KeyedValues = Record<string, string>;

/** The CLI's current settings: what `convox switch` with no argument would print comes from these. */
export interface CliSettings {
  host: string;
  rack: string;
  auth: KeyedValues;
  racks: KeyedValues;
  selfManaged: KeyedValues;
}

/** A keyed file's content; an empty file is `{}`, as the CLI reads it. */
export function parseKeyed(file: string, text: string): KeyedValues {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    // The parser's own message quotes the text around the fault, which in `auth` is a password.
    throw new CliConfigError(`${file} is not valid JSON; it was left as it is`);
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    Object.values(parsed).some((value) => typeof value !== 'string')
  ) {
    throw new CliConfigError(
      `${file} is not a JSON object of strings, as the convox CLI writes it; it was left as it is`,
    );
  }
  // Without a prototype, a host named `constructor` or `__proto__` is a key like any other, never a function.
  return Object.assign(Object.create(null) as KeyedValues, parsed);
}

/** A keyed file's value for `key`, its own entries only. */
export function keyedValue(values: KeyedValues, key: string): string | undefined {
  return Object.hasOwn(values, key) ? values[key] : undefined;
}

/** Go's encoder escapes these so JSON can sit in HTML; the CLI's files have them escaped too. */
const goEscapes: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

export function formatKeyed(values: KeyedValues): string {
  // The default order compares UTF-16 code units, as `<` does on strings.
  const keys = Object.keys(values).sort();
  if (keys.length === 0) return '{}';
  const lines = keys.map((key) => `  ${JSON.stringify(key)}: ${JSON.stringify(values[key])}`);
  return `{\n${lines.join(',\n')}\n}`.replace(/[<>&\u2028\u2029]/g, (character) => goEscapes[character]);
}

/** The rack the CLI targets now: `racks[host]`, else the plain `rack` file. `CONVOX_HOST` wins over the `host` file. */
export function currentCliRack(settings: CliSettings, convoxHost?: string): string | undefined {
  const host = convoxHost || settings.host;
  return keyedValue(settings.racks, host) || settings.rack || undefined;
}

/** A rack as the CLI is told about it. */
export type CliTarget =
  /** A rack on AWS, which the CLI knows as a self-managed rack: its name, API host and password (when read). */
  | { kind: 'aws'; name: string; host: string; password?: string }
  /** `local/<namespace>`: the CLI stores the name and finds the rack at `https://rack.<namespace>` itself. */
  | { kind: 'local'; fullName: string };

export type SwitchChanges = {
  plain: Partial<Record<PlainFile, string>>;
  keyed: Partial<Record<KeyedFile, KeyedValues>>;
};

/**
 * What switching the CLI to `target` changes, every other entry kept. For a rack on AWS, what `convox rack
 * install` records (its host in `self-managed`, its password in `auth`) and what `convox switch` then sets
 * (`host`, and the rack in `racks` under the host it reads it by); a local rack only goes into `racks` under the
 * current host, as `convox switch local/…` does.
 */
export function switchChanges(settings: CliSettings, target: CliTarget): SwitchChanges {
  if (target.kind === 'local')
    return { plain: {}, keyed: { racks: { ...settings.racks, [settings.host]: target.fullName } } };
  const keyed: SwitchChanges['keyed'] = {
    'self-managed': { ...settings.selfManaged, [target.name]: target.host },
    racks: { ...settings.racks, [target.host]: target.name },
  };
  if (target.password !== undefined) keyed.auth = { ...settings.auth, [target.host]: target.password };
  return { plain: { host: target.host }, keyed };
}

/** What changing the CLI's files does: whole keyed files and plain files to write, plain files to remove, in words. */
export interface CliFileChanges extends SwitchChanges {
  removed: PlainFile[];
  /** What changed, by file and key (never a value: `auth` holds passwords). Empty when nothing did. */
  summary: string[];
}

/** A keyed file without one key, or undefined when it does not have it. */
function without(values: KeyedValues, key: string): KeyedValues | undefined {
  if (!(key in values)) return undefined;
  const { [key]: _removed, ...rest } = values;
  return rest;
}

/**
 * What `convox rack install` records for a new rack: its password in `auth` under its API host, its host in
 * `self-managed` under its name, and that host in the `host` file only when the file is empty. Nothing else
 * changes: the install does not switch the CLI.
 */
export function installChanges(
  settings: CliSettings,
  rack: { name: string; host: string; password?: string },
): CliFileChanges {
  const changes: CliFileChanges = {
    plain: {},
    keyed: { 'self-managed': { ...settings.selfManaged, [rack.name]: rack.host } },
    removed: [],
    summary: [`self-managed: ${rack.name} added`],
  };
  if (rack.password !== undefined) {
    changes.keyed.auth = { ...settings.auth, [rack.host]: rack.password };
    changes.summary.push(`auth: ${rack.host} added`);
  }
  if (settings.host === '') {
    changes.plain.host = rack.host;
    changes.summary.push(`host: set to ${rack.host}`);
  }
  return changes;
}

/**
 * What uninstalling a rack removes from the CLI's files. `convox rack uninstall` removes only `self-managed[name]`;
 * this also removes `auth[host]` and `racks[host]`, and the `host` file when it names the rack (it would send
 * every command to a host that no longer answers). `self-managed[name]` goes only when it names this rack's host:
 * the same name can be a rack in another region or account.
 */
export function uninstallChanges(settings: CliSettings, rack: { name: string; host?: string }): CliFileChanges {
  const changes: CliFileChanges = { plain: {}, keyed: {}, removed: [], summary: [] };
  const { host } = rack;
  // A rack that never had an API host was never recorded by one.
  if (host === undefined) return changes;
  const selfManaged = settings.selfManaged[rack.name] === host ? without(settings.selfManaged, rack.name) : undefined;
  if (selfManaged) {
    changes.keyed['self-managed'] = selfManaged;
    changes.summary.push(`self-managed: ${rack.name} removed`);
  }
  const auth = without(settings.auth, host);
  if (auth) {
    changes.keyed.auth = auth;
    changes.summary.push(`auth: ${host} removed`);
  }
  const racks = without(settings.racks, host);
  if (racks) {
    changes.keyed.racks = racks;
    changes.summary.push(`racks: ${host} removed`);
  }
  if (settings.host === host) {
    changes.removed.push('host');
    changes.summary.push(`host: ${host} removed`);
  }
  return changes;
}

/** What the extension knows of a rack, to find the one the CLI names. */
export interface KnownRack {
  name: string;
  fullName: string;
  apiHost?: string;
}

/**
 * The rack the CLI targets: the only one of its current name when that is a full name (`org/rack`, `local/…`);
 * else the only rack whose API host is the CLI's host (what it actually talks to: `convox switch` to a
 * self-managed rack may leave an old name in `racks`); else the only rack of that stack name. A name several racks
 * share (regions, accounts) names none of them unless the host tells which.
 */
export function rackNamedByCli<T extends KnownRack>(
  cliName: string | undefined,
  host: string,
  racks: readonly T[],
): T | undefined {
  const only = (matches: T[]): T | undefined => (matches.length === 1 ? matches[0] : undefined);
  const exact = cliName ? only(racks.filter((rack) => rack.fullName === cliName)) : undefined;
  if (exact) return exact;
  const byHost = host ? only(racks.filter((rack) => rack.apiHost === host)) : undefined;
  return byHost ?? (cliName ? only(racks.filter((rack) => rack.name === cliName)) : undefined);
}
