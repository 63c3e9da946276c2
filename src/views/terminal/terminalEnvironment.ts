import * as vscode from 'vscode';
import type { RackStore } from '../../model/store/rackStore';
import { rackVariables } from '../../model/terminal/rackEnvironment';
import { exportRackToTerminals } from '../settings';
import type { CurrentRack } from '../switch/currentRack';
import type { RackPasswords } from './rackPasswords';

const variableNames = ['CONVOX_RACK', 'RACK_URL'];

/**
 * New integrated terminals get the current rack (`CONVOX_RACK`, and `RACK_URL` once its password is read) through
 * the extension's environment variable collection, kept in memory only: it holds a password. Terminals already
 * open show VS Code's relaunch hint.
 */
export class TerminalEnvironment implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly unsubscribe: () => void;
  /** Bumped by each update, so that a password read for a rack no longer current is dropped. */
  private generation = 0;
  /** The rack whose address was last looked up, to look again only once the store knows a new one. */
  private settledFor: string | undefined;

  constructor(
    private readonly variables: vscode.GlobalEnvironmentVariableCollection,
    private readonly current: CurrentRack,
    private readonly store: RackStore,
    private readonly passwords: RackPasswords,
  ) {
    variables.persistent = false;
    variables.description = 'The current Convox rack (Convox: Switch Rack): CONVOX_RACK, and RACK_URL with its API password.';
    this.unsubscribe = store.onDidChange(() => this.settledFor !== current.name && void this.update());
    this.subscriptions.push(
      current.onDidChange(() => void this.update()),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('convox.terminal.exportRack') && void this.update()),
    );
    void this.update();
  }

  /** Sets the variables for the current rack; resolves once its address was looked up. */
  async update(): Promise<void> {
    const generation = ++this.generation;
    const name = this.current.name;
    if (!name || !exportRackToTerminals()) {
      variableNames.forEach((variable) => this.variables.delete(variable));
      this.settledFor = name;
      return;
    }
    this.variables.replace('CONVOX_RACK', name);
    this.variables.delete('RACK_URL');
    const rack = this.store.find(name);
    if (!rack) return;
    const url = await this.passwords.url(rack);
    if (generation !== this.generation) return;
    this.settledFor = name;
    for (const [variable, value] of Object.entries(rackVariables(name, url))) this.variables.replace(variable, value);
  }

  dispose(): void {
    this.unsubscribe();
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}
