import type * as vscode from 'vscode';
import type { Rack } from '../../model/rack';
import type { RackStore } from '../../model/store/rackStore';
import { knownRacks, pickRack } from '../rackPicker';
import type { Node, RacksTree } from '../racks/racksTree';
import type { CurrentRack } from '../switch/currentRack';

/**
 * The rack a command is for: a Racks view row, a stack id (from the architecture view or a notification), else
 * the current rack, else one the person picks. Local racks have no AWS log group or stack: they are left out.
 */
export async function rackTarget(
  target: Node | string | undefined,
  context: { store: RackStore; tree: RacksTree; current: CurrentRack; log: vscode.LogOutputChannel },
  title: string,
): Promise<Rack | undefined> {
  const { store, tree, current, log } = context;
  if (typeof target === 'string') {
    const byStackId = (): Rack | undefined => {
      const rack = store.byId(target);
      return rack?.local ? undefined : rack;
    };
    // Just installed or changed: the last discovery may not list it yet.
    if (!byStackId()) await store.refresh('manual').catch(() => undefined);
    const rack = byStackId();
    if (!rack) throw new Error(`the rack (stack ${target}) is not among the racks found; refresh the Racks view`);
    return rack;
  }
  const fromRow = target ? tree.rackOf(target) : undefined;
  if (fromRow) return fromRow.local ? undefined : fromRow;
  const racks = (await knownRacks(store, log, 'inspect'))?.filter((rack) => !rack.local);
  if (!racks) return undefined;
  const currentRack = current.rack();
  return currentRack && !currentRack.local ? currentRack : await pickRack(racks, title, current.id);
}
