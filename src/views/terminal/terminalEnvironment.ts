import * as vscode from 'vscode';
import {
  currentRackVariables,
  terminalVariableNames,
  type TerminalVariables,
} from '../../model/terminal/rackEnvironment';
import type { RackStore } from '../../model/store/rackStore';
import { exportRackToTerminals } from '../shared/settings';
import type { CurrentRack } from '../switch/currentRack';
import type { RackPasswords } from './rackPasswords';

/**
 * New integrated terminals get the current rack (see `currentRackVariables` for which variables, and why) through
 * the extension's environment variable collection, kept in memory only: it may hold a password. Terminals already
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
    store: RackStore,
    private readonly passwords: RackPasswords,
    /** The rack name the convox CLI's own files give for an API host (`racks[host]`, else its `rack` file). */
    private readonly cliNameForHost: (host: string) => Promise<string | undefined>,
  ) {
    variables.persistent = false;
    variables.description =
      'The current Convox rack (Convox: Switch Rack): CONVOX_HOST and CONVOX_PASSWORD, or CONVOX_RACK for a local rack.';
    this.unsubscribe = store.onDidChange(() => this.settledFor !== current.id && void this.update());
    this.subscriptions.push(
      current.onDidChange(() => void this.update()),
      vscode.workspace.onDidChangeConfiguration(
        (event) => event.affectsConfiguration('convox.terminal.exportRack') && void this.update(),
      ),
    );
    void this.update();
  }

  /** Sets the variables for the current rack; resolves once its address was looked up. */
  async update(): Promise<void> {
    const generation = ++this.generation;
    const id = this.current.id;
    const rack = this.current.rack();
    if (!id || !exportRackToTerminals()) {
      this.apply({});
      this.settledFor = id;
      return;
    }
    if (!rack) {
      // Until discovery finds it, no terminal gets another rack's address, nor one that lets the CLI pick.
      this.apply({});
      return;
    }
    const [password, cliName] = await Promise.all([
      this.passwords.password(rack),
      rack.apiHost ? this.cliNameForHost(rack.apiHost) : Promise.resolve(undefined),
    ]);
    if (generation !== this.generation) return;
    this.settledFor = id;
    this.apply(currentRackVariables(rack, password, cliName));
  }

  dispose(): void {
    this.unsubscribe();
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }

  private apply(values: TerminalVariables): void {
    for (const name of terminalVariableNames) {
      const value = values[name];
      if (value === undefined) this.variables.delete(name);
      else this.variables.replace(name, value);
    }
  }
}
