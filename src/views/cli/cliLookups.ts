import type * as vscode from 'vscode';
import type { CliConfigFiles } from '../../cli/configFiles';
import { currentCliRack, type CliSettings } from '../../model/cli/cliSettings';
import { within } from './within';
import { messageOf } from '../../model/errorMessage';

/** A read of the CLI's few small files past this is given up. */
const readDeadlineMs = 5_000;

/** What the convox CLI's own files say about one rack API host; a file that cannot be read says nothing. */
export class CliLookups {
  constructor(
    private readonly files: () => CliConfigFiles,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** `auth[host]`: the password `convox login` or `convox rack install` recorded for that host. */
  async password(host: string): Promise<string | undefined> {
    return (await this.settings())?.auth[host] || undefined;
  }

  /** The rack name the CLI gives that host when nothing else names one: `racks[host]`, else its `rack` file. */
  async nameForHost(host: string): Promise<string | undefined> {
    const settings = await this.settings();
    return settings ? currentCliRack(settings, host) : undefined;
  }

  private async settings(): Promise<CliSettings | undefined> {
    const files = this.files();
    try {
      return await within(files.read(), readDeadlineMs, `reading ${files.directory}`);
    } catch (error) {
      this.log.warn(`The convox CLI's configuration could not be read: ${messageOf(error)}`);
      return undefined;
    }
  }
}
