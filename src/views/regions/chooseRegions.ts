import * as vscode from 'vscode';
import { awsRegions } from '../../model/regions';
import { scanSettings, setRegions } from '../shared/settings';
import { registerCommand } from '../shared/commands';

/**
 * Convox: Choose Regions…: a multi-select of AWS regions, saved to `convox.regions`. Saving is a settings change,
 * and the store refreshes on settings changes; there is nothing else to do here.
 */
export function registerRegionCommands(log: vscode.LogOutputChannel): vscode.Disposable[] {
  const chooseRegions = async (): Promise<void> => {
    let chosen: readonly string[];
    try {
      chosen = scanSettings().regions;
    } catch {
      chosen = [];
    }
    const items = awsRegions.map((region) => ({
      label: region.code,
      description: region.name,
      picked: chosen.includes(region.code),
    }));
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: 'Convox: regions to scan for racks',
      placeHolder: "Each profile's own region is always scanned",
    });
    if (picked) await setRegions(picked.map((item) => item.label));
  };
  return [registerCommand('chooseRegions', log, chooseRegions)];
}
