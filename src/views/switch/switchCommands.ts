import * as vscode from 'vscode';
import type { Rack } from '../../model/rack';
import { reachableByV2Cli, type RackArguments } from '../shared/rackArgument';
import type { CurrentRack } from './currentRack';
import { registerCommand } from '../shared/commands';

/** Convox: Switch Rack, from the palette (quick pick), a rack row, or a keybinding with a rack name. */
export function registerSwitchCommands(
  racks: RackArguments,
  current: CurrentRack,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const makeCurrent = async (rack: Rack): Promise<void> => {
    await current.set(rack);
    log.info(`Current rack is now ${rack.displayName} (${rack.profile}, ${rack.region}, ${rack.stackId}).`);
  };
  const switchRack = async (target?: unknown): Promise<void> => {
    const rack = await racks.resolve(target, {
      title: 'Switch to rack (type a name or part of one)',
      withoutArgument: 'ask',
      only: reachableByV2Cli,
      reason: 'switch',
    });
    if (rack) await makeCurrent(rack);
  };
  return [registerCommand('switchRack', log, switchRack)];
}
