import * as vscode from 'vscode';
import type { Rack } from '../model/rack';
import type { RackStore } from '../model/rackStore';
import { awsRegions } from '../model/regions';
import { resolveRack } from '../model/switch';
import type { CurrentRack } from './currentRack';
import { inspectUri, type InspectDocuments } from './inspectDocument';
import type { Node } from './racksTree';
import { scanSettings, section, SettingsError, showSettingsError } from './settings';

export const racksViewId = 'convox.racks';

interface RackPick extends vscode.QuickPickItem {
  rack?: Rack;
}

/** The extension's commands; each reads and changes state only through the store and the current rack. */
export class Commands {
  constructor(
    private readonly store: RackStore,
    private readonly current: CurrentRack,
    private readonly documents: InspectDocuments,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('convox.refresh', () => this.refresh()),
      vscode.commands.registerCommand('convox.retryDiscovery', () => this.refresh()),
      vscode.commands.registerCommand('convox.switchRack', (target?: string | Node) => this.switchRack(target)),
      vscode.commands.registerCommand('convox.inspectRack', (target?: Node) => this.inspectRack(target)),
      vscode.commands.registerCommand('convox.refreshInspection', (uri?: vscode.Uri) => this.refreshInspection(uri)),
      vscode.commands.registerCommand('convox.chooseRegions', () => this.chooseRegions()),
      vscode.commands.registerCommand('convox.showLog', () => this.log.show()),
    ];
  }

  /** Runs (or joins) discovery with progress in the Racks view; a bad setting is reported and changes nothing. */
  async refresh(): Promise<void> {
    try {
      await vscode.window.withProgress({ location: { viewId: racksViewId } }, () => this.store.refresh());
    } catch (error) {
      await this.reportFailure('Refreshing racks failed', error);
    }
  }

  /** The automatic refresh: a failure goes to the log, not into a notification every minute. */
  async refreshQuietly(): Promise<void> {
    try {
      await vscode.window.withProgress({ location: { viewId: racksViewId } }, () => this.store.refresh());
    } catch (error) {
      this.log.warn(`Automatic refresh failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Racks to choose from: the store's, after a first discovery (with a progress notification) if none ran yet. */
  private async knownRacks(): Promise<Rack[] | undefined> {
    if (this.store.lastRefresh === undefined) {
      try {
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Convox: finding racks…' }, () => this.store.refresh());
      } catch (error) {
        await this.reportFailure('Finding racks failed', error);
        return undefined;
      }
    }
    return this.store.racks();
  }

  async switchRack(target?: string | Node): Promise<void> {
    if (typeof target === 'object' && target.kind === 'rack') return this.makeCurrent(target.rack);
    const racks = await this.knownRacks();
    if (!racks) return;
    if (typeof target === 'string') {
      const resolution = resolveRack(target, racks);
      if ('error' in resolution) {
        void vscode.window.showErrorMessage(`Convox: ${resolution.error}. The current rack is unchanged.`);
        return;
      }
      return this.makeCurrent(resolution.rack);
    }
    const rack = await this.pickRack(racks, 'Switch to rack (type a name or part of one)');
    if (rack) await this.makeCurrent(rack);
  }

  async inspectRack(target?: Node): Promise<void> {
    let rack: Rack | undefined = target?.kind === 'rack' ? target.rack : undefined;
    if (!rack) {
      const racks = await this.knownRacks();
      if (!racks) return;
      const currentName = this.current.name;
      rack = currentName ? racks.find((candidate) => candidate.fullName === currentName) : undefined;
      rack ??= await this.pickRack(racks, 'Inspect rack');
    }
    if (!rack) return;
    const uri = inspectUri(rack);
    const document = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Convox: inspecting ${rack.fullName}…` },
      () => vscode.workspace.openTextDocument(uri),
    );
    await vscode.window.showTextDocument(document, { preview: false });
  }

  private refreshInspection(uri?: vscode.Uri): void {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (target) this.documents.refresh(target);
  }

  async chooseRegions(): Promise<void> {
    const config = vscode.workspace.getConfiguration(section);
    let chosen: string[];
    try {
      chosen = scanSettings().regions.slice();
    } catch {
      chosen = [];
    }
    const items = awsRegions.map((region) => ({ label: region.code, description: region.name, picked: chosen.includes(region.code) }));
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: 'Convox: regions to scan for racks',
      placeHolder: "Each profile's own region is always scanned",
    });
    if (!picked) return;
    await config.update('regions', picked.map((item) => item.label), vscode.ConfigurationTarget.Global);
    await this.refresh();
  }

  private async makeCurrent(rack: Rack): Promise<void> {
    await this.current.set(rack.fullName);
    this.log.info(`Current rack is now ${rack.fullName} (${rack.profile}, ${rack.region}).`);
  }

  /**
   * A quick pick of racks as `org/rack` with status and region. With nothing typed, Enter takes the highlighted
   * rack; typed text resolves like `convox switch` (exact name, else the one rack containing it), and the list
   * shows just the racks containing it.
   */
  private pickRack(racks: readonly Rack[], title: string): Promise<Rack | undefined> {
    const currentName = this.current.name;
    const itemsFor = (typed: string): RackPick[] => {
      const items: RackPick[] = [];
      let organization: string | undefined;
      for (const rack of racks.filter((candidate) => candidate.fullName.includes(typed))) {
        if (rack.organization !== organization) {
          organization = rack.organization;
          items.push({ label: organization, kind: vscode.QuickPickItemKind.Separator });
        }
        const isCurrent = rack.fullName === currentName;
        items.push({ label: `${isCurrent ? '$(check) ' : ''}${rack.fullName}`, description: `${rack.status} · ${rack.region}`, detail: isCurrent ? 'current rack' : undefined, rack });
      }
      return items;
    };
    const pick = vscode.window.createQuickPick<RackPick>();
    pick.title = title;
    pick.placeholder = racks.length > 0 ? 'org/rack, or part of it' : 'No racks found: refresh the Racks view or choose regions';
    pick.items = itemsFor('');
    // Opening on the current rack means Enter alone keeps it, never switches away by accident.
    pick.activeItems = pick.items.filter((item) => item.rack?.fullName === currentName);
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
        void vscode.window.showErrorMessage(`Convox: ${resolution.error}. The current rack is unchanged.`);
        finish(undefined);
      });
      pick.onDidHide(() => {
        if (!resolved) resolve(undefined);
        pick.dispose();
      });
      pick.show();
    });
  }

  private async reportFailure(what: string, error: unknown): Promise<void> {
    if (error instanceof SettingsError) return showSettingsError(error);
    const message = error instanceof Error ? error.message : String(error);
    this.log.error(`${what}: ${message}`);
    const show = 'Show Log';
    if ((await vscode.window.showErrorMessage(`Convox: ${what}: ${message}`, show)) === show) this.log.show();
  }
}
