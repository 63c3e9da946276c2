import * as vscode from 'vscode';
import { parseOrganizations, parseRegions, SettingsError } from '../model/organizations';
import type { ScanSettings } from '../model/source';

export const section = 'convox';

/** The scan settings, validated; a malformed value throws a SettingsError naming the setting. */
export function scanSettings(): ScanSettings {
  const config = vscode.workspace.getConfiguration(section);
  return {
    regions: parseRegions(config.get<unknown>('regions')),
    organizations: parseOrganizations(config.get<unknown>('organizations')),
  };
}

export function refreshIntervalSeconds(): number {
  const value = vscode.workspace.getConfiguration(section).get<unknown>('refreshInterval');
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 60;
}

export function statusBarEnabled(): boolean {
  return vscode.workspace.getConfiguration(section).get<boolean>('statusBar.enabled') !== false;
}

/** Tells the person which setting is wrong and how, with a way straight to it. Nothing else changes. */
export async function showSettingsError(error: SettingsError): Promise<void> {
  const open = 'Open Settings';
  const choice = await vscode.window.showErrorMessage(`Setting ${error.setting} ${error.message}. The racks shown are unchanged.`, open);
  if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', error.setting);
}

export { SettingsError };
