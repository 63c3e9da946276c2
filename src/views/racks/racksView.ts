import * as vscode from 'vscode';
import type { RackId } from '../../model/identity';
import type { Rack } from '../../model/rack';
import type { RackStore } from '../../model/store/rackStore';
import { RacksTree, type Node } from './racksTree';

export const racksViewId = 'convox.racks';

/** The longest the first refresh waits for the rows kept from the last session to be drawn. */
const firstDrawCapMs = 3_000;

/**
 * The Racks view: the tree, its visibility (which decides whether the store refreshes on its own), and a
 * progress bar in the view while a refresh runs, whatever started it. With racks kept from the last session, the
 * view's first refresh, when it first shows, waits until they are drawn: it loads the AWS SDK, which holds the
 * extension host a moment. The extension activates when the window has started, so that moment may come long after.
 */
export class RacksView implements vscode.Disposable {
  readonly tree: RacksTree;
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [];
  private endProgress: (() => void) | undefined;
  /** Whether the view has yet to show the last-seen rows; its first showing then waits on `firstDraw`. */
  private lastSeenToDraw: boolean;
  /** Pending until the last-seen rows were drawn, when there are some; the store hears of visibility after it. */
  private firstDraw: Promise<void> | undefined;
  private disposed = false;

  constructor(
    private readonly store: RackStore,
    currentRack: () => RackId | undefined,
  ) {
    this.tree = new RacksTree(store, currentRack);
    this.lastSeenToDraw = store.lastSeen().length > 0;
    this.view = vscode.window.createTreeView(racksViewId, { treeDataProvider: this.tree, showCollapseAll: true });
    const unsubscribe = store.onDidChange(() => this.showProgress());
    this.disposables.push(
      this.tree,
      this.view,
      { dispose: unsubscribe },
      this.view.onDidChangeVisibility((event) => this.setVisible(event.visible)),
      this.view.onDidCollapseElement((event) => this.tree.collapsed(event.element)),
    );
    this.setVisible(this.view.visible);
  }

  /** Shows the view with the rack's row selected and focused. */
  async reveal(rack: Rack): Promise<void> {
    await this.view.reveal(this.tree.nodeOf(rack), { select: true, focus: true });
  }

  /** The number on the view's icon (racks needing attention); hidden at 0. */
  setBadge(value: number, tooltip: string): void {
    this.view.badge = value > 0 ? { value, tooltip } : undefined;
  }

  get badge(): vscode.ViewBadge | undefined {
    return this.view.badge;
  }

  dispose(): void {
    this.disposed = true;
    this.endProgress?.();
    this.disposables.forEach((disposable) => disposable.dispose());
  }

  private setVisible(visible: boolean): void {
    this.tree.setVisible(visible);
    if (visible && this.lastSeenToDraw) {
      this.lastSeenToDraw = false;
      this.firstDraw = Promise.race([
        this.tree.firstDrawn,
        new Promise<void>((resolve) => setTimeout(resolve, firstDrawCapMs)),
      ]).then(() => (this.firstDraw = undefined));
    }
    if (!this.firstDraw) return this.store.setListVisible(visible);
    void this.firstDraw.then(() => this.disposed || this.store.setListVisible(this.view.visible));
  }

  private showProgress(): void {
    if (this.store.loading && !this.endProgress) {
      void vscode.window.withProgress(
        { location: { viewId: racksViewId } },
        () => new Promise<void>((resolve) => (this.endProgress = resolve)),
      );
    } else if (!this.store.loading && this.endProgress) {
      this.endProgress();
      this.endProgress = undefined;
    }
  }
}
