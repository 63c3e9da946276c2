import * as vscode from 'vscode';
import type { RackStore } from '../model/store/rackStore';
import { parseArchitectureRefreshInterval, parseCliSync, parseExportRack, parseOrganizations, parseRefreshInterval, parseRegions, parseReleasesUrl, parseRequestTimeout, parseStatusBarEnabled, settingsSection, SettingsError, type CliSync, type ScanSettings } from '../model/settings';

function configuration(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(settingsSection);
}

/** The scan settings, validated; a malformed value throws a SettingsError naming the setting. */
export function scanSettings(): ScanSettings {
  const config = configuration();
  return {
    regions: parseRegions(config.get<unknown>('regions')),
    organizations: parseOrganizations(config.get<unknown>('organizations')),
  };
}

export function refreshIntervalSeconds(): number {
  return parseRefreshInterval(configuration().get<unknown>('refreshInterval'));
}

export function requestTimeoutSeconds(): number {
  return parseRequestTimeout(configuration().get<unknown>('requestTimeout'));
}

export function architectureRefreshSeconds(): number {
  return parseArchitectureRefreshInterval(configuration().get<unknown>('architecture.refreshInterval'));
}

/** The release list's URL; a malformed value throws a SettingsError naming the setting. */
export function releasesUrl(): string {
  return parseReleasesUrl(configuration().get<unknown>('releasesUrl'));
}

export function statusBarEnabled(): boolean {
  return parseStatusBarEnabled(configuration().get<unknown>('statusBar.enabled'));
}

export function exportRackToTerminals(): boolean {
  return parseExportRack(configuration().get<unknown>('terminal.exportRack'));
}

export function cliSync(): CliSync {
  return parseCliSync(configuration().get<unknown>('cli.syncCurrentRack'));
}

export async function setCliSync(value: CliSync): Promise<void> {
  await configuration().update('cli.syncCurrentRack', value, vscode.ConfigurationTarget.Global);
}

export async function setRegions(regions: readonly string[]): Promise<void> {
  await configuration().update('regions', regions, vscode.ConfigurationTarget.Global);
}

/** Tells the person which setting is wrong and how, with a way straight to it. Nothing else changes. */
export async function showSettingsError(error: SettingsError): Promise<void> {
  const open = 'Open Settings';
  const choice = await vscode.window.showErrorMessage(`Setting ${error.setting} ${error.message}. The racks shown are unchanged.`, open);
  if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', error.setting);
}

/**
 * Settings changes reach the store: a new interval at once; new regions or organisations refresh the racks
 * (debounced), and a malformed value is shown right away with a way to the setting.
 */
export function watchSettings(store: RackStore): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${settingsSection}.refreshInterval`)) store.setListInterval(refreshIntervalSeconds());
    if (event.affectsConfiguration(`${settingsSection}.requestTimeout`)) store.setRequestTimeout(requestTimeoutSeconds());
    if (!event.affectsConfiguration(`${settingsSection}.regions`) && !event.affectsConfiguration(`${settingsSection}.organizations`)) return;
    try {
      scanSettings();
    } catch (error) {
      if (error instanceof SettingsError) void showSettingsError(error);
    }
    store.requestRefresh('settings changed');
  });
}
