import * as vscode from 'vscode';
import type { RackId } from '../../model/identity';
import type { Rack } from '../../model/rack';
import type { RefreshReason } from '../../model/store/refreshPolicy';
import type { RackStore } from '../../model/store/rackStore';
import { resolveRack } from '../../model/switch';
import { inertText } from '../../model/untrustedText';
import { reportFailure } from './failures';

interface RackPick extends vscode.QuickPickItem {
  rack?: Rack;
}

/** Racks to choose from: the store's, after a first discovery (with a progress notification) if none ran yet. */
export async function knownRacks(
  store: RackStore,
  log: vscode.LogOutputChannel,
  reason: RefreshReason,
): Promise<Rack[] | undefined> {
  if (!store.hasRefreshed) {
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Convox: finding racks…' },
        () => store.refresh(reason),
      );
    } catch (error) {
      await reportFailure(log, 'Finding racks failed', error);
      return undefined;
    }
  }
  return store.racks();
}

export function showUnresolved(error: string): void {
  void vscode.window.showErrorMessage(`Convox: ${inertText(error)}. Nothing was done.`);
}

/**
 * A quick pick of racks by their display names (`org/rack`, qualified where several share it) with status and region, opening on the current rack so Enter alone keeps
 * it. Typed text resolves like `convox switch` (exact name, else the one rack containing it), and the list shows
 * just the racks containing it.
 */
export function pickRack(
  racks: readonly Rack[],
  title: string,
  currentId: RackId | undefined,
): Promise<Rack | undefined> {
  const itemsFor = (typed: string): RackPick[] => {
    const items: RackPick[] = [];
    let organization: string | undefined;
    for (const rack of racks.filter((candidate) => candidate.displayName.includes(typed))) {
      if (rack.organization !== organization) {
        organization = rack.organization;
        items.push({ label: organization, kind: vscode.QuickPickItemKind.Separator });
      }
      const isCurrent = rack.stackId === currentId;
      items.push({
        label: `${isCurrent ? '$(check) ' : ''}${rack.displayName}`,
        description: `${rack.status} · ${rack.local?.context ?? rack.region}`,
        detail: isCurrent ? 'current rack' : undefined,
        rack,
      });
    }
    return items;
  };
  const pick = vscode.window.createQuickPick<RackPick>();
  pick.title = title;
  pick.placeholder =
    racks.length > 0 ? 'org/rack, or part of it' : 'No racks found: refresh the Racks view or choose regions';
  pick.items = itemsFor('');
  pick.activeItems = pick.items.filter((item) => item.rack?.stackId === currentId);
  return new Promise<Rack | undefined>((resolve) => {
    let resolved = false;
    const finish = (rack: Rack | undefined): void => {
      resolved = true;
      resolve(rack);
      pick.hide();
    };
    pick.onDidChangeValue((typed) => (pick.items = itemsFor(typed.trim())));
    pick.onDidAccept(() => {
      if (pick.value.trim() === '') return finish(pick.selectedItems[0]?.rack);
      const resolution = resolveRack(pick.value, racks);
      if ('rack' in resolution) return finish(resolution.rack);
      showUnresolved(resolution.error);
      finish(undefined);
    });
    pick.onDidHide(() => {
      if (!resolved) resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
