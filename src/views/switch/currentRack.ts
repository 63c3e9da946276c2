import * as vscode from 'vscode';

const key = 'convox.currentRack';

/** The rack made current with Switch Rack: kept across restarts, and given to new terminals as CONVOX_RACK. */
export class CurrentRack implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.exportToTerminals(this.name);
  }

  get name(): string | undefined {
    return this.context.globalState.get<string>(key);
  }

  async set(fullName: string): Promise<void> {
    await this.context.globalState.update(key, fullName);
    this.exportToTerminals(fullName);
    this.changed.fire(fullName);
  }

  /** No current rack any more (it was uninstalled). */
  async clear(): Promise<void> {
    await this.context.globalState.update(key, undefined);
    this.exportToTerminals(undefined);
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private exportToTerminals(fullName: string | undefined): void {
    const variables = this.context.environmentVariableCollection;
    variables.description = 'The current Convox rack (Convox: Switch Rack).';
    if (fullName) variables.replace('CONVOX_RACK', fullName);
    else variables.delete('CONVOX_RACK');
  }
}
