import * as vscode from 'vscode';
import type { RackStore } from '../../model/store/rackStore';
import type { CurrentRack } from './currentRack';
import { statusBarEnabled } from '../shared/settings';
import { commands } from '../../model/commands';

/** The current rack in the status bar; a click opens Switch Rack. */
export class RackStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('convox.currentRack', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly unsubscribe: () => void;
  /** Alerts' word on a rack: the item wears the warning or error background while the current rack needs attention. */
  private attentionOf: (stackId: string) => { severity: 'error' | 'warning'; line: string } | undefined = () =>
    undefined;

  constructor(
    store: RackStore,
    private readonly current: CurrentRack,
  ) {
    this.item.name = 'Convox Rack';
    this.item.command = commands.switchRack.id;
    this.unsubscribe = store.onDidChange(() => this.update());
    this.subscriptions.push(
      current.onDidChange(() => this.update()),
      vscode.workspace.onDidChangeConfiguration(
        (event) => event.affectsConfiguration('convox.statusBar') && this.update(),
      ),
    );
    this.update();
  }

  setAttention(of: (stackId: string) => { severity: 'error' | 'warning'; line: string } | undefined): void {
    this.attentionOf = of;
    this.update();
  }

  /** The background's theme colour id now, if any. */
  get background(): string | undefined {
    return (this.item.backgroundColor as vscode.ThemeColor | undefined)?.id;
  }

  /** What the status bar shows now ('' when hidden). */
  get text(): string {
    return statusBarEnabled() ? this.item.text : '';
  }

  update(): void {
    const name = this.current.name;
    if (!statusBarEnabled()) {
      this.item.hide();
      return;
    }
    const rack = this.current.rack();
    this.item.text = `$(server-environment) ${name ?? 'No rack'}${rack ? ` (${rack.status})` : ''}`;
    const where = rack?.local ? `Kubernetes context ${rack.local.context}` : rack?.region;
    const id = this.current.id;
    const attention = id === undefined ? undefined : this.attentionOf(id);
    this.item.backgroundColor = attention
      ? new vscode.ThemeColor(`statusBarItem.${attention.severity}Background`)
      : undefined;
    this.item.tooltip = name
      ? `Convox rack ${name}${rack ? `: ${rack.status} in ${where}` : ''}.${attention ? ` ${attention.line}.` : ''} Click to switch.`
      : 'No current Convox rack. Click to choose one.';
    this.item.accessibilityInformation = { label: name ? `Current Convox rack ${name}` : 'No current Convox rack' };
    this.item.show();
  }

  dispose(): void {
    this.unsubscribe();
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.item.dispose();
  }
}
