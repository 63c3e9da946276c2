import * as vscode from 'vscode';

const key = 'convox.currentRack';

export interface CurrentRackChange {
  name: string | undefined;
  /** The convox CLI switched first (in a terminal): nothing should be written back to it. */
  fromCli: boolean;
}

/** The rack made current with Switch Rack (or `convox switch`): kept across restarts. */
export class CurrentRack implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CurrentRackChange>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly context: vscode.ExtensionContext) {}

  get name(): string | undefined {
    return this.context.globalState.get<string>(key);
  }

  async set(fullName: string, fromCli = false): Promise<void> {
    // The state holds the new value at once; saving it to disk can take a while, and the views need not wait.
    const saved = this.context.globalState.update(key, fullName);
    this.changed.fire({ name: fullName, fromCli });
    await saved;
  }

  /** No current rack any more (it was uninstalled). */
  async clear(): Promise<void> {
    const saved = this.context.globalState.update(key, undefined);
    this.changed.fire({ name: undefined, fromCli: false });
    await saved;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
