import * as vscode from 'vscode';
import type { CliConfigFiles } from '../../cli/configFiles';
import { installChanges, uninstallChanges, type CliFileChanges, type CliSettings } from '../../model/cli/cliSettings';
import type { Rack } from '../../model/rack';
import { inertText } from '../../model/untrustedText';
import { cliSync } from '../shared/settings';
import type { RackPasswords } from '../terminal/rackPasswords';
import { within } from './within';
import { messageOf } from '../../model/errorMessage';

/** Reading and writing the CLI's few small files past this is given up. */
const writeDeadlineMs = 5_000;

/**
 * A rack installed or uninstalled here is recorded in, or removed from, the convox CLI's files as `convox rack
 * install` and `convox rack uninstall` do (see installChanges, uninstallChanges), each change logged.
 */
export class CliRecords {
  constructor(
    private readonly files: () => CliConfigFiles,
    private readonly passwords: RackPasswords,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** After an install, with CLI sync on (`always`, or `ask` where the CLI has its directory). */
  async record(rack: Rack): Promise<void> {
    const host = rack.apiHost;
    const mode = cliSync();
    if (!host || rack.local || mode === 'off' || (mode === 'ask' && !this.files().inUse())) return;
    const password = await this.passwords.password(rack);
    await this.change(rack, `recorded for ${rack.displayName}`, (settings) =>
      installChanges(settings, { name: rack.name, host, password }),
    );
  }

  /** After an uninstall; a CLI that has no directory here has nothing to clean. */
  async forget(rack: Rack): Promise<void> {
    if (rack.local || !this.files().inUse()) return;
    await this.change(rack, `cleaned of ${rack.displayName}`, (settings) =>
      uninstallChanges(settings, { name: rack.name, host: rack.apiHost }),
    );
  }

  private async change(rack: Rack, what: string, change: (settings: CliSettings) => CliFileChanges): Promise<void> {
    const files = this.files();
    try {
      const changes = await within(files.update(change), writeDeadlineMs, `writing ${files.directory}`);
      if (changes.summary.length === 0)
        this.log.info(`The convox CLI's files (${files.directory}) name nothing of ${rack.displayName}: unchanged.`);
      else this.log.info(`The convox CLI's files (${files.directory}) ${what}: ${changes.summary.join('; ')}.`);
    } catch (error) {
      const message = messageOf(error);
      this.log.error(`The convox CLI's files were not ${what}: ${message}`);
      void vscode.window.showWarningMessage(`Convox: the convox CLI's files were not ${what}: ${inertText(message)}`);
    }
  }
}
