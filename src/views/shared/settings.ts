import * as vscode from 'vscode';
import type { RackStore } from '../../model/store/rackStore';
import {
  parseAlertsInterval,
  parseAlertsWatch,
  parseConvergingLimit,
  parseArchitectureRefreshInterval,
  parseCacheLastSeen,
  parseCliSync,
  parseExportRack,
  parseOrganizations,
  parseRefreshInterval,
  parseRegions,
  parseReleasesUrl,
  parseRequestTimeout,
  parseStatusBarEnabled,
  settingsSection,
  SettingsError,
  userOnlySettings,
  type AlertsWatch,
  type CliSync,
  type ScanSettings,
  type SettingName,
} from '../../model/settings';
import { parseBufferLines } from '../../model/logs/options';
import { inertText } from '../../model/untrustedText';

function configuration(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(settingsSection);
}

/**
 * A setting's raw value. A user-only setting (application-scoped, restricted in untrusted workspaces) is read from
 * the user settings or its default, never from a workspace or folder: VS Code drops such workspace values in most
 * cases but in some only warns, so `inspect()` takes the user value here, whatever the host does.
 */
function setting(name: SettingName): unknown {
  const config = configuration();
  if (!userOnlySettings.includes(name)) return config.get<unknown>(name);
  const inspected = config.inspect<unknown>(name);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/** The scan settings, validated; a malformed value throws a SettingsError naming the setting. */
export function scanSettings(): ScanSettings {
  return {
    regions: parseRegions(setting('regions')),
    organizations: parseOrganizations(setting('organizations')),
  };
}

export function refreshIntervalSeconds(): number {
  return parseRefreshInterval(setting('refreshInterval'));
}

export function requestTimeoutSeconds(): number {
  return parseRequestTimeout(setting('requestTimeout'));
}

export function architectureRefreshSeconds(): number {
  return parseArchitectureRefreshInterval(setting('architecture.refreshInterval'));
}

/** The release list's URL; a malformed value throws a SettingsError naming the setting. */
export function releasesUrl(): string {
  return parseReleasesUrl(setting('releasesUrl'));
}

export function statusBarEnabled(): boolean {
  return parseStatusBarEnabled(setting('statusBar.enabled'));
}

/** Whether the last known racks are kept on this machine and shown at once (`convox.racks.cacheLastSeen`). */
export function cacheLastSeen(): boolean {
  return parseCacheLastSeen(setting('racks.cacheLastSeen'));
}

export function exportRackToTerminals(): boolean {
  return parseExportRack(setting('terminal.exportRack'));
}

export function cliSync(): CliSync {
  return parseCliSync(setting('cli.syncCurrentRack'));
}

/** Lines a Show Rack Logs editor keeps. */
export function logsBufferLines(): number {
  return parseBufferLines(setting('logs.bufferLines'));
}

/** Which racks alerts watch (`convox.alerts.watch`). */
export function alertsWatch(): AlertsWatch {
  return parseAlertsWatch(setting('alerts.watch'));
}

/** Seconds between two looks at the watched racks (`convox.alerts.interval`). */
export function alertsIntervalSeconds(): number {
  return parseAlertsInterval(setting('alerts.interval'));
}

/** Minutes a watched rack may stay updating or converging (`convox.alerts.convergingLimit`). */
export function convergingLimitMinutes(): number {
  return parseConvergingLimit(setting('alerts.convergingLimit'));
}

/** Every reader above, for the extension's API (the host tests check what a workspace cannot change). */
export const effectiveSettings = {
  scanSettings,
  refreshIntervalSeconds,
  requestTimeoutSeconds,
  architectureRefreshSeconds,
  releasesUrl,
  statusBarEnabled,
  cacheLastSeen,
  exportRackToTerminals,
  cliSync,
  logsBufferLines,
  alertsWatch,
  alertsIntervalSeconds,
  convergingLimitMinutes,
};

export async function setCliSync(value: CliSync): Promise<void> {
  await configuration().update('cli.syncCurrentRack', value, vscode.ConfigurationTarget.Global);
}

export async function setRegions(regions: readonly string[]): Promise<void> {
  await configuration().update('regions', regions, vscode.ConfigurationTarget.Global);
}

/** Tells the person which setting is wrong and how, with a way straight to it. Nothing else changes. */
export async function showSettingsError(error: SettingsError): Promise<void> {
  const open = 'Open Settings';
  const choice = await vscode.window.showErrorMessage(
    `Setting ${error.setting} ${inertText(error.message)}. The racks shown are unchanged.`,
    open,
  );
  if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', error.setting);
}

/**
 * Settings changes reach the store: a new interval, deadline or cache choice at once; new regions or organisations
 * refresh the racks (debounced), and a malformed value is shown right away with a way to the setting.
 */
export function watchSettings(store: RackStore): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${settingsSection}.refreshInterval`))
      store.setListInterval(refreshIntervalSeconds());
    if (event.affectsConfiguration(`${settingsSection}.requestTimeout`))
      store.setRequestTimeout(requestTimeoutSeconds());
    if (event.affectsConfiguration(`${settingsSection}.racks.cacheLastSeen`)) store.setCacheLastSeen(cacheLastSeen());
    if (
      !event.affectsConfiguration(`${settingsSection}.regions`) &&
      !event.affectsConfiguration(`${settingsSection}.organizations`)
    )
      return;
    try {
      scanSettings();
    } catch (error) {
      if (error instanceof SettingsError) void showSettingsError(error);
    }
    store.requestRefresh('settings changed');
  });
}
