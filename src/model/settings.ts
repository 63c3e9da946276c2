/**
 * The extension's settings. package.json declares them (names, types, defaults, patterns) for VS Code's settings
 * editor; this module validates what VS Code hands over against the same rules, and test/unit/settings.test.ts
 * reads package.json to prove the two agree.
 */

import { ModelError } from './errorMessage';

/** Settings value `convox.cli.syncCurrentRack`: whether a switch in VS Code also switches the convox CLI. */
export type CliSync = 'off' | 'ask' | 'always';
export const cliSyncValues: readonly CliSync[] = ['off', 'ask', 'always'];

/** Settings value `convox.alerts.watch`: which racks are watched for alerts (the current one in all but `off`). */
export type AlertsWatch = 'off' | 'current' | 'marked' | 'all';
export const alertsWatchValues: readonly AlertsWatch[] = ['off', 'current', 'marked', 'all'];

/** Settings value `convox.organizations`: organisation name → AWS profile names. */
export type OrganizationMap = Record<string, string[]>;

export const settingsSection = 'convox';

/** Every setting package.json contributes, by its name under `convox.`, with its default. */
export const settingDefaults = {
  regions: [] as string[],
  organizations: {} as OrganizationMap,
  refreshInterval: 60,
  requestTimeout: 30,
  'statusBar.enabled': true,
  'architecture.refreshInterval': 10,
  'terminal.exportRack': true,
  'cli.syncCurrentRack': 'ask' as CliSync,
  'logs.bufferLines': 10_000,
  'alerts.watch': 'marked' as AlertsWatch,
  'alerts.interval': 60,
  'alerts.convergingLimit': 15,
  'racks.cacheLastSeen': true,
  releasesUrl: 'https://convox.s3.amazonaws.com/release/versions.json',
};

export type SettingName = keyof typeof settingDefaults;

/**
 * Settings a workspace must not choose: what Install deploys, what terminals and the CLI receive, how often AWS is
 * called, which account an organisation name means. package.json declares them `application`-scoped and lists them
 * in `capabilities.untrustedWorkspaces.restrictedConfigurations`; the reader takes only their user (or default)
 * value. Application rather than machine scope: in a remote window (SSH, code-server) VS Code ignores machine-scoped
 * values of the person's own user settings, which would silently drop them.
 */
export const userOnlySettings: readonly SettingName[] = [
  'regions',
  'organizations',
  'refreshInterval',
  'requestTimeout',
  'architecture.refreshInterval',
  'terminal.exportRack',
  'cli.syncCurrentRack',
  'releasesUrl',
  'logs.bufferLines',
  'alerts.watch',
  'alerts.interval',
  'alerts.convergingLimit',
  'racks.cacheLastSeen',
];

/** An AWS region code, e.g. `us-east-1`, `us-gov-west-1`, `us-isob-east-1`. */
export const regionPattern = '^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d+$';
/** The organisation of local racks (Kubernetes namespaces): the CLI reads `local/…` as one, so no other may have it. */
export const reservedOrganization = 'local';

/** An organisation name: what `convox racks` prints before the slash. */
export const organizationPattern = '^[A-Za-z0-9][A-Za-z0-9._-]*$';

const regionExpression = new RegExp(regionPattern);
const organizationExpression = new RegExp(organizationPattern);

/** What the scan needs from the settings. */
export interface ScanSettings {
  regions: readonly string[];
  organizations: OrganizationMap;
}

export class SettingsError extends ModelError {
  static override readonly errorName = 'SettingsError';

  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** Validates a raw `convox.organizations` value; anything but `{name: [profile…]}` is refused with a reason. */
export function parseOrganizations(raw: unknown): OrganizationMap {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SettingsError(
      'convox.organizations',
      'must be an object mapping an organisation name to a list of AWS profile names, e.g. {"acme": ["acme-prod"]}',
    );
  }
  const result: OrganizationMap = {};
  const owner = new Map<string, string>();
  for (const [organization, profiles] of Object.entries(raw)) {
    if (!organizationExpression.test(organization)) {
      throw new SettingsError(
        'convox.organizations',
        `"${organization}" is not a valid organisation name: use letters, digits, ".", "_" or "-"`,
      );
    }
    if (organization === reservedOrganization) {
      throw new SettingsError(
        'convox.organizations',
        `"${reservedOrganization}" is reserved for local racks (the convox CLI takes every rack named ${reservedOrganization}/… for one): name the organisation otherwise`,
      );
    }
    if (!Array.isArray(profiles) || profiles.some((profile) => typeof profile !== 'string' || profile === '')) {
      throw new SettingsError(
        'convox.organizations',
        `the value of "${organization}" must be a list of AWS profile names`,
      );
    }
    for (const profile of profiles as string[]) {
      const previous = owner.get(profile);
      if (previous !== undefined && previous !== organization) {
        throw new SettingsError(
          'convox.organizations',
          `profile "${profile}" is mapped to both "${previous}" and "${organization}"`,
        );
      }
      owner.set(profile, organization);
    }
    result[organization] = [...(profiles as string[])];
  }
  return result;
}

export function isRegionCode(value: string): boolean {
  return regionExpression.test(value);
}

/** Validates a raw `convox.regions` value: a list of region codes such as `us-east-1`. */
export function parseRegions(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    throw new SettingsError('convox.regions', 'must be a list of AWS region codes, e.g. ["us-east-1", "eu-west-1"]');
  }
  const bad = raw.filter((region) => typeof region !== 'string' || !isRegionCode(region));
  if (bad.length > 0) {
    throw new SettingsError(
      'convox.regions',
      `${bad.map((region) => JSON.stringify(region)).join(', ')} is not an AWS region code such as "us-east-1"`,
    );
  }
  return [...new Set(raw as string[])];
}

/** The least automatic refresh interval, in seconds: each refresh lists every profile's stacks in every region. */
export const refreshIntervalMinimum = 10;

/** `convox.refreshInterval` in seconds: 0 is off, anything else at least the floor; not a number ≥ 0 is the default. */
export function parseRefreshInterval(raw: unknown): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) return settingDefaults.refreshInterval;
  return raw === 0 ? 0 : Math.max(raw, refreshIntervalMinimum);
}

/** Bounds of `convox.requestTimeout`, in seconds: below a second nothing answers; above ten minutes is a hang. */
export const requestTimeoutBounds = { minimum: 1, maximum: 600 };

/** `convox.requestTimeout` in seconds; anything but a number within its bounds falls back to the default. */
export function parseRequestTimeout(raw: unknown): number {
  const { minimum, maximum } = requestTimeoutBounds;
  return typeof raw === 'number' && raw >= minimum && raw <= maximum ? raw : settingDefaults.requestTimeout;
}

/** The least `convox.architecture.refreshInterval`, in seconds: an open diagram is always kept live. */
export const architectureRefreshMinimum = 1;

/** `convox.architecture.refreshInterval` in seconds; anything but a number of at least a second falls back to the default. */
export function parseArchitectureRefreshInterval(raw: unknown): number {
  return typeof raw === 'number' && Number.isFinite(raw) && raw >= architectureRefreshMinimum
    ? raw
    : settingDefaults['architecture.refreshInterval'];
}

/** `convox.statusBar.enabled`: only an explicit `false` hides the item. */
export function parseStatusBarEnabled(raw: unknown): boolean {
  return raw !== false;
}

/** `convox.racks.cacheLastSeen`: only an explicit `false` keeps the last known racks off this machine's storage. */
export function parseCacheLastSeen(raw: unknown): boolean {
  return raw !== false;
}

/** `convox.terminal.exportRack`: only an explicit `false` keeps the rack out of new terminals. */
export function parseExportRack(raw: unknown): boolean {
  return raw !== false;
}

/** `convox.cli.syncCurrentRack`; anything but one of its values falls back to asking. */
export function parseCliSync(raw: unknown): CliSync {
  return cliSyncValues.find((value) => value === raw) ?? settingDefaults['cli.syncCurrentRack'];
}

/**
 * What `convox.releasesUrl` must look like; package.json declares the same pattern. https, or plain http only to
 * this machine (a local mirror or a test double), where no network lies between.
 */
export const releasesUrlPattern = '^(https://[^\\s/]+|http://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]+)?)/\\S*$';
const releasesUrlExpression = new RegExp(releasesUrlPattern);

/**
 * `convox.releasesUrl`: where Install Rack reads the release list; each template sits beside it. Only https: the
 * template is deployed with CAPABILITY_IAM and receives the rack's password, so nothing on the way may change it.
 */
export function parseReleasesUrl(raw: unknown): string {
  if (raw === undefined || raw === null || raw === '') return settingDefaults.releasesUrl;
  if (typeof raw === 'string' && releasesUrlExpression.test(raw)) return raw;
  const plainHttp = typeof raw === 'string' && /^http:\/\//i.test(raw);
  throw new SettingsError(
    'convox.releasesUrl',
    plainHttp
      ? `must use https:// (over plain http anyone on the way could change the template Install deploys), e.g. ${settingDefaults.releasesUrl}`
      : `must be the https:// URL of a release list, e.g. ${settingDefaults.releasesUrl}`,
  );
}

/** `convox.alerts.watch`; anything but one of its values falls back to the default. */
export function parseAlertsWatch(raw: unknown): AlertsWatch {
  return alertsWatchValues.find((value) => value === raw) ?? settingDefaults['alerts.watch'];
}

/** The least `convox.alerts.interval`, in seconds: each poll lists the stacks of every watched rack's region. */
export const alertsIntervalMinimum = 10;

/** `convox.alerts.interval` in seconds; not a number falls back to the default, a smaller one to the floor. */
export function parseAlertsInterval(raw: unknown): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return settingDefaults['alerts.interval'];
  return Math.max(raw, alertsIntervalMinimum);
}

/** `convox.alerts.convergingLimit` in minutes: at least one; not a number falls back to the default. */
export function parseConvergingLimit(raw: unknown): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return settingDefaults['alerts.convergingLimit'];
  return Math.max(raw, 1);
}
