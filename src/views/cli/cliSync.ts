import * as vscode from 'vscode';
import type { CliConfigFiles } from '../../cli/configFiles';
import type { CliTarget } from '../../model/cli/cliSettings';
import type { RackId } from '../../model/identity';
import type { Rack } from '../../model/rack';
import type { RackStore } from '../../model/store/rackStore';
import { inertText } from '../../model/untrustedText';
import { cliSync, setCliSync } from '../shared/settings';
import type { CurrentRack } from '../switch/currentRack';
import type { RackPasswords } from '../terminal/rackPasswords';
import { within } from './within';
import { messageOf } from '../../model/errorMessage';

/** Reading and writing the CLI's few small files past this is given up. */
const switchDeadlineMs = 5_000;

/**
 * A switch made in VS Code switches the convox CLI too (`convox.cli.syncCurrentRack`: off, ask (only where the CLI
 * has its directory), always), by writing its files as `convox switch` does. A switch that came from the CLI is
 * not written back.
 */
export class CliSync implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly current: CurrentRack,
    private readonly store: RackStore,
    private readonly passwords: RackPasswords,
    private readonly files: () => CliConfigFiles,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = current.onDidChange(
      (change) => !change.fromCli && change.id !== undefined && void this.offer(change.id),
    );
  }

  private async offer(id: RackId): Promise<void> {
    const mode = cliSync();
    const rack = this.store.byId(id);
    if (mode === 'off' || !rack) return;
    if (mode === 'ask') {
      // Nobody to ask for: without its directory the convox CLI is not used here.
      if (!this.files().inUse()) return;
      const [yes, always] = ['Switch CLI', 'Always'];
      const choice = await vscode.window.showInformationMessage(
        `Convox: switch the convox CLI to ${rack.displayName} too?`,
        yes,
        always,
        'Not Now',
      );
      if (choice === always) await setCliSync('always');
      if (choice !== yes && choice !== always) return;
    }
    if (this.current.id === id) await this.switchCli(rack);
  }

  /** Points the CLI at the rack; a file that cannot be parsed is named and left alone. */
  async switchCli(rack: Rack): Promise<void> {
    const target = await this.targetOf(rack);
    if (!target) {
      this.log.warn(
        `The convox CLI was not switched to ${rack.displayName}: the rack has no API address (Dashboard output) yet.`,
      );
      return;
    }
    const files = this.files();
    try {
      await within(files.switchTo(target), switchDeadlineMs, `writing ${files.directory}`);
      this.log.info(`The convox CLI now targets ${rack.displayName} (${files.directory}).`);
    } catch (error) {
      const message = messageOf(error);
      this.log.error(`The convox CLI was not switched to ${rack.displayName}: ${message}`);
      void vscode.window.showErrorMessage(
        `Convox: the convox CLI was not switched to ${rack.displayName}: ${inertText(message)}`,
      );
    }
  }

  private async targetOf(rack: Rack): Promise<CliTarget | undefined> {
    if (rack.local) return { kind: 'local', fullName: rack.fullName };
    if (!rack.apiHost) return undefined;
    return { kind: 'aws', name: rack.name, host: rack.apiHost, password: await this.passwords.password(rack) };
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
