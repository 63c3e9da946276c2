import * as vscode from 'vscode';
import { awsRacksOnly, type RackArguments } from '../shared/rackArgument';
import type { ArchitecturePanels } from './architecturePanels';
import { registerCommand } from '../shared/commands';

/**
 * Convox: Show Rack Architecture, for a rack row, an Inspect document (its editor title), a rack id or name given
 * as argument (resolved like `convox switch`), else the current rack, else a quick pick.
 */
export function registerArchitectureCommands(
  racks: RackArguments,
  panels: ArchitecturePanels,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const showArchitecture = async (target?: unknown): Promise<void> => {
    const rack = await racks.resolve(target, {
      title: 'Show the architecture of rack',
      withoutArgument: 'current',
      only: awsRacksOnly('AWS architecture to show'),
      reason: 'first use',
    });
    if (rack) await panels.show(rack);
  };
  return [registerCommand('showArchitecture', log, showArchitecture)];
}
