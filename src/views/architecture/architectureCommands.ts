import * as vscode from 'vscode';
import type { Rack } from '../../model/rack';
import type { RackStore } from '../../model/store/rackStore';
import { resolveRack } from '../../model/switch';
import { inertText } from '../../model/untrustedText';
import { inspectScheme, rackIdOf } from '../inspect/inspectDocuments';
import { knownRacks, pickRack } from '../rackPicker';
import type { Node, RacksTree } from '../racks/racksTree';
import type { CurrentRack } from '../switch/currentRack';
import type { ArchitecturePanels } from './architecturePanels';

/**
 * Convox: Show Rack Architecture, for a rack row, an Inspect document (its editor title), a rack name given as
 * argument (resolved like `convox switch`), else the current rack, else a quick pick.
 */
export function registerArchitectureCommands(
  store: RackStore,
  tree: RacksTree,
  current: CurrentRack,
  panels: ArchitecturePanels,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const named = async (name: string): Promise<Rack | undefined> => {
    const racks = await knownRacks(store, log, 'first use');
    if (!racks) return undefined;
    const resolution = resolveRack(name, racks);
    if ('rack' in resolution) return resolution.rack;
    void vscode.window.showErrorMessage(`Convox: ${inertText(resolution.error)}.`);
    return undefined;
  };
  const currentOrPicked = async (): Promise<Rack | undefined> => {
    const racks = await knownRacks(store, log, 'first use');
    if (!racks) return undefined;
    return current.rack() ?? pickRack(racks, 'Show the architecture of rack', current.id);
  };
  const rackFor = (target: unknown): Promise<Rack | undefined> => {
    if (typeof target === 'string') return named(target);
    if (target instanceof vscode.Uri)
      return target.scheme === inspectScheme ? named(rackIdOf(target)) : currentOrPicked();
    if (isNode(target)) return Promise.resolve(tree.rackOf(target));
    return currentOrPicked();
  };
  const showArchitecture = async (target?: unknown): Promise<void> => {
    const rack = await rackFor(target);
    if (rack?.local)
      void vscode.window.showInformationMessage(
        `Convox: ${rack.displayName} is a local rack (Kubernetes namespace ${rack.local.namespace}): it has no AWS architecture to show.`,
      );
    else if (rack) await panels.show(rack);
  };
  return [vscode.commands.registerCommand('convox.showArchitecture', showArchitecture)];
}

/** A Racks view row, as VS Code hands it to a row's inline action or context menu. */
function isNode(target: unknown): target is Node {
  return typeof target === 'object' && target !== null && 'kind' in target;
}
