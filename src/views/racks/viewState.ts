import * as vscode from 'vscode';
import type { RackStore } from '../../model/store/rackStore';

type State = 'loading' | 'badSettings' | 'noCredentials' | 'noRacks' | 'ready';

/** Keeps the `convox.state` context key in step with the store; the Racks view's welcome content keys off it. */
export class ViewState implements vscode.Disposable {
  private state: State | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly store: RackStore) {
    this.unsubscribe = store.onDidChange(() => this.update());
    this.update();
  }

  dispose(): void {
    this.unsubscribe();
  }

  private update(): void {
    const state = this.compute();
    if (state === this.state) return;
    this.state = state;
    void vscode.commands.executeCommand('setContext', 'convox.state', state);
  }

  private compute(): State {
    if (this.store.settingsProblem && this.store.racks().length === 0) return 'badSettings';
    if (this.store.hasProfiles === false) return 'noCredentials';
    if (this.store.hasProfiles === undefined || (this.store.loading && this.store.racks().length === 0))
      return 'loading';
    return this.store.racks().length === 0 && this.store.errors().length === 0 ? 'noRacks' : 'ready';
  }
}
