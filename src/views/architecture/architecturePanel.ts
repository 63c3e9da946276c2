import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { ArchitectureFeed } from '../../model/architecture/feed';
import type { Layout } from '../../model/architecture/layout';
import { architecturePage } from '../../model/architecture/page';
import { componentLogs } from '../../model/logs/componentStreams';
import { inertText } from '../../model/untrustedText';
import {
  parseWebviewMessage,
  type ExtensionMessage,
  type RackIdentity,
  type ViewState,
  type WebviewMessage,
} from '../../model/architecture/protocol';
import type { Rack } from '../../model/rack';
import type { StoreChange } from '../../model/store/changes';
import type { RackWatch } from '../../model/store/refreshPolicy';
import { exportSvg } from './exportSvg';
import { webviewOptions, type PanelContext } from './panelOptions';
import { messageOf } from '../../model/errorMessage';
import { runCommand } from '../shared/commands';

/**
 * One rack's architecture panel (a bundle of its own, dist/architecturePanel.js, with the scene and layout code:
 * loaded when the first panel opens). While it is visible the rack is watched (read every few seconds); the page
 * gets the picture once it says it is ready, then what changed. Every message from the page is parsed before
 * anything is done with it, and what it names is looked up in the picture it was sent, never taken from it.
 */
export class ArchitecturePanel implements vscode.Disposable {
  private readonly feed: ArchitectureFeed;
  private watch: RackWatch | undefined;
  private ready = false;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.closed.event;
  /** The last message of each type posted to the page. */
  readonly lastSent = new Map<ExtensionMessage['type'], ExtensionMessage>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly rack: RackIdentity,
    private readonly context: PanelContext,
    /** As the page last reported it (or as it was saved, for a restored panel). */
    public viewState?: ViewState,
  ) {
    this.feed = new ArchitectureFeed(rack);
    panel.title = `Architecture: ${rack.fullName}`;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'resources', 'convox.svg');
    panel.webview.options = webviewOptions(context.extensionUri);
    const unsubscribe = context.store.onDidChange((change) => this.storeChanged(change));
    this.disposables.push(
      { dispose: unsubscribe },
      panel.webview.onDidReceiveMessage((raw: unknown) => this.received(raw)),
      panel.onDidChangeViewState(() => this.watch?.setVisible(panel.visible)),
      panel.onDidDispose(() => this.dispose()),
    );
    panel.webview.html = this.page();
    this.bind();
  }

  /** The picture the page was last sent. */
  get layout(): Layout | undefined {
    return this.feed.layout;
  }

  /** The refresh interval setting changed: watch at the new one. */
  rewatch(): void {
    this.watch?.dispose();
    this.watch = undefined;
    this.bind();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.watch?.dispose();
    this.disposables.forEach((disposable) => disposable.dispose());
    this.panel.dispose();
    this.closed.fire();
    this.closed.dispose();
  }

  /** The rack as the store lists it now: its row is replaced with every refresh. */
  private listed(): Rack | undefined {
    return this.context.store.racks().find((rack) => rack.stackId === this.rack.stackId);
  }

  /** Watches the rack once it is listed; before the first discovery (a restored panel) starts one. */
  private bind(): void {
    const rack = this.listed();
    const { store } = this.context;
    // The name it is shown by becomes qualified once another rack shares its `org/rack`.
    if (rack) this.panel.title = `Architecture: ${rack.displayName}`;
    if (!rack) {
      if (!store.hasRefreshed && !store.loading)
        store
          .refresh('first use')
          .catch((error: unknown) =>
            this.context.log.warn(`Finding racks for ${this.rack.fullName}'s architecture failed: ${messageOf(error)}`),
          );
      return;
    }
    if (this.watch) return;
    this.watch = store.watchArchitecture(rack, this.context.refreshSeconds());
    this.watch.setVisible(this.panel.visible);
  }

  private storeChanged(change: StoreChange): void {
    if (change.list) {
      if (this.listed()) this.bind();
      else this.unlisted();
    }
    const aspects = change.racks.get(this.rack.stackId);
    // A new status of the rack (its row's summary) changes the banner as soon as the row changes.
    if (aspects?.has('architecture') || aspects?.has('summary')) this.push();
  }

  /** The rack is not (or no longer) among those found: the page keeps its picture and says so. */
  private unlisted(): void {
    this.watch?.dispose();
    this.watch = undefined;
    const { store } = this.context;
    if (!store.hasRefreshed || store.loading || !this.ready) return;
    const message = `${this.rack.fullName} is not among the racks found: it was deleted, or its profile or region is no longer scanned. Retry looks for it again.`;
    this.post({ type: 'failed', message, at: new Date().toISOString() });
  }

  /** Sends the page what brings it up to the store's last read. */
  private push(): void {
    const rack = this.listed();
    if (!this.ready || !rack) return;
    for (const message of this.feed.messages(this.context.store.architectureState(rack), Date.now()))
      this.post(message);
  }

  private post(message: ExtensionMessage): void {
    this.lastSent.set(message.type, message);
    void this.panel.webview.postMessage(message);
  }

  private received(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.context.log.warn(
        `Architecture of ${this.rack.fullName}: ignored a message from the page that is not one of its messages.`,
      );
      return;
    }
    this.handle(message).catch((error: unknown) => {
      this.context.log.error(`Architecture of ${this.rack.fullName}: ${message.type} failed: ${messageOf(error)}`);
      void vscode.window.showErrorMessage(`Convox: ${inertText(messageOf(error))}`);
    });
  }

  private async handle(message: WebviewMessage): Promise<void> {
    const rack = this.listed();
    switch (message.type) {
      case 'ready':
        // A page (re)loaded, also each time a hidden panel is shown again: it has no picture.
        this.ready = true;
        this.feed.restart();
        if (rack) this.push();
        else this.unlisted();
        return;
      case 'retry':
        if (rack) await this.context.store.loadArchitecture(rack, 'retry').catch(() => undefined);
        else await this.context.store.refresh('retry');
        return;
      case 'select':
        // The selection reaches the extension with the page's next viewState.
        return;
      case 'openConsole': {
        const url = this.feed.component(message.id)?.consoleUrl;
        if (url?.startsWith('https://')) await vscode.env.openExternal(vscode.Uri.parse(url, true));
        return;
      }
      case 'revealInTree':
        if (rack) await this.context.revealInTree(rack);
        return;
      case 'showLogs': {
        const component = this.feed.component(message.id);
        const logs =
          component && componentLogs(component, rack ? this.context.store.architectureState(rack).data : undefined);
        if (logs?.kind === 'streams')
          await runCommand('showRackLogs', this.rack.stackId, logs.streams.kind === 'names' ? logs.streams : undefined);
        else if (logs) void vscode.window.showInformationMessage(`Convox: ${inertText(logs.message)}`);
        return;
      }
      case 'diagnose':
        await runCommand('diagnoseRack', this.rack.stackId);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage('$(copy) Copied', 2_000);
        return;
      case 'exportSvg':
        await exportSvg(this.rack, message.svg);
        return;
      case 'viewState': {
        const { type: _type, ...view } = message;
        this.viewState = view;
        return;
      }
    }
  }

  private page(): string {
    const { webview } = this.panel;
    const asset = (...segments: string[]): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...segments)).toString();
    return architecturePage({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      script: asset('dist', 'webview', 'architecture.js'),
      styles: [asset('dist', 'webview', 'codicons', 'codicon.css'), asset('media', 'architecture.css')],
      rack: this.rack,
      view: this.viewState,
    });
  }
}
