import * as vscode from 'vscode';
import { parsePanelState } from '../../model/architecture/panelState';
import type { RackIdentity, ViewState } from '../../model/architecture/protocol';
import type { Rack } from '../../model/rack';
import { settingsSection } from '../../model/settings';
import type { ArchitecturePanel } from './architecturePanel';
import { architectureViewType, webviewOptions, type PanelContext } from './panelOptions';

/** An open panel: its webview at once, its logic once the panel bundle has loaded. */
interface Entry {
  webviewPanel: vscode.WebviewPanel;
  panel?: ArchitecturePanel;
}

/**
 * The open architecture panels, one per rack (by stack id), and the serializer that brings them back after a
 * reload from the state their pages saved: the rack's identity and the view, nothing read from AWS.
 */
export class ArchitecturePanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly settingsWatch: vscode.Disposable;

  constructor(private readonly context: PanelContext) {
    this.settingsWatch = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${settingsSection}.architecture.refreshInterval`))
        this.entries.forEach((entry) => entry.panel?.rewatch());
    });
  }

  /** Opens the rack's panel, or brings its open one to the front. */
  async show(rack: Rack): Promise<void> {
    const open = this.entries.get(rack.stackId);
    if (open) return open.webviewPanel.reveal();
    const webviewPanel = vscode.window.createWebviewPanel(
      architectureViewType,
      `Architecture: ${rack.displayName}`,
      vscode.ViewColumn.Active,
      webviewOptions(this.context.extensionUri),
    );
    await this.adopt(webviewPanel, { stackId: rack.stackId, fullName: rack.displayName });
  }

  /** The panels open now, in the order they opened. */
  list(): ArchitecturePanel[] {
    return [...this.entries.values()].flatMap((entry) => entry.panel ?? []);
  }

  async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = parsePanelState(state);
    if (!saved || this.entries.has(saved.rack.stackId)) {
      // Nothing to show that is not shown already: a page that saved no rack, or a second panel of one rack.
      if (!saved) this.context.log.warn('An architecture panel saved no rack it could be restored to; it was closed.');
      webviewPanel.dispose();
      return;
    }
    await this.adopt(webviewPanel, saved.rack, saved.view);
  }

  dispose(): void {
    this.settingsWatch.dispose();
    this.entries.forEach((entry) => (entry.panel ?? entry.webviewPanel).dispose());
  }

  private async adopt(webviewPanel: vscode.WebviewPanel, rack: RackIdentity, view?: ViewState): Promise<void> {
    const entry: Entry = { webviewPanel };
    this.entries.set(rack.stackId, entry);
    const closed = webviewPanel.onDidDispose(() => {
      closed.dispose();
      if (this.entries.get(rack.stackId) === entry) this.entries.delete(rack.stackId);
    });
    const { ArchitecturePanel } = await import('./architecturePanel');
    // Closed while its code loaded: nothing to bind.
    if (this.entries.get(rack.stackId) !== entry) return;
    entry.panel = new ArchitecturePanel(webviewPanel, rack, this.context, view);
  }
}
