import * as vscode from 'vscode';
import { v3Refusal } from '../../model/local/localRacks';
import type { Rack } from '../../model/rack';
import type { RackStore } from '../../model/store/rackStore';
import { resolveRack } from '../../model/switch';
import { inertText } from '../../model/untrustedText';
import { knownRacks, pickRack, showUnresolved } from '../rackPicker';
import type { RacksTree, Node } from '../racks/racksTree';
import type { CurrentRack } from './currentRack';

/** Convox: Switch Rack, from the palette (quick pick), a rack row, or a keybinding with a rack name. */
export function registerSwitchCommands(store: RackStore, tree: RacksTree, current: CurrentRack, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const makeCurrent = async (rack: Rack): Promise<void> => {
    const refusal = v3Refusal(rack);
    if (refusal) {
      void vscode.window.showInformationMessage(`Convox: ${inertText(refusal)}`);
      return;
    }
    await current.set(rack.fullName);
    log.info(`Current rack is now ${rack.fullName} (${rack.profile}, ${rack.region}).`);
  };
  const switchRack = async (target?: string | Node): Promise<void> => {
    const fromRow = typeof target === 'object' ? tree.rackOf(target) : undefined;
    if (fromRow) return makeCurrent(fromRow);
    // A v3 rack is never offered: the v2 CLI cannot reach it.
    const racks = (await knownRacks(store, log, 'switch'))?.filter((rack) => v3Refusal(rack) === undefined);
    if (!racks) return;
    if (typeof target === 'string') {
      const resolution = resolveRack(target, racks);
      if ('error' in resolution) return showUnresolved(resolution.error);
      return makeCurrent(resolution.rack);
    }
    const rack = await pickRack(racks, 'Switch to rack (type a name or part of one)', current.name);
    if (rack) await makeCurrent(rack);
  };
  return [vscode.commands.registerCommand('convox.switchRack', switchRack)];
}
