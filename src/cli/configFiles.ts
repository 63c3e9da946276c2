import { randomBytes } from 'node:crypto';
import * as fsSync from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CliConfigError,
  fileMode,
  formatKeyed,
  keyedFiles,
  parseKeyed,
  switchChanges,
  type CliFileChanges,
  type CliSettings,
  type CliTarget,
  type KeyedFile,
  type PlainFile,
  type SettingFile,
  type SwitchChanges,
} from '../model/cli/cliSettings';
import { cliConfigDirectory } from '../model/cli/configDirectory';

/**
 * Writes `text` beside `file` in a new file of its own, flushed to disk, and returns that file's path. The switch
 * renames it over `file` only once every file of the set is staged.
 */
export type StageFile = (file: string, text: string, mode: number) => Promise<string>;

const stageFile: StageFile = async (file, text, mode) => {
  const staged = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(staged, 'wx', mode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(staged, { force: true });
    throw error;
  }
  await handle.close();
  return staged;
};

/** Switches of each directory, one after the other: two quick switches never interleave their files. */
const queues = new Map<string, Promise<unknown>>();

function queued<T>(directory: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(directory) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.catch(() => undefined);
  queues.set(directory, settled);
  void settled.then(() => {
    if (queues.get(directory) === settled) queues.delete(directory);
  });
  return next;
}

/** Where each keyed file's values go in CliSettings. */
const settingOf = { auth: 'auth', racks: 'racks', 'self-managed': 'selfManaged' } as const satisfies Record<
  KeyedFile,
  keyof CliSettings
>;

/** The v2 CLI's setting files in one directory (see model/cli/configDirectory.ts for which). */
export class CliConfigFiles {
  constructor(
    readonly directory: string,
    private readonly stage: StageFile = stageFile,
  ) {}

  /** Every setting file; a missing one is empty. A file the CLI could not read either is a CliConfigError. */
  async read(): Promise<CliSettings> {
    const [host, rack, ...keyed] = await Promise.all([
      this.text('host'),
      this.text('rack'),
      ...keyedFiles.map((file) => this.text(file)),
    ]);
    const settings: CliSettings = { host: host.trim(), rack: rack.trim(), auth: {}, racks: {}, selfManaged: {} };
    keyedFiles.forEach((file, index) => {
      settings[settingOf[file]] = parseKeyed(this.pathOf(file), keyed[index]);
    });
    return settings;
  }

  /**
   * Points the CLI at `target`, after any change of this directory still under way. Everything is read and checked
   * first, so a file that cannot be parsed stops the switch before anything is written; the files then change as one set.
   */
  switchTo(target: CliTarget): Promise<void> {
    return queued(this.directory, async () => this.replace(switchChanges(await this.read(), target)));
  }

  /**
   * Changes the files as `change` says from what they hold now, after any change of this directory still under
   * way, everything read and checked first (a file that cannot be parsed stops it before anything is written); only
   * the files that change are replaced, as one set. Returns what changed.
   */
  update(change: (settings: CliSettings) => CliFileChanges): Promise<CliFileChanges> {
    return queued(this.directory, async () => {
      const changes = change(await this.read());
      if (changes.summary.length > 0) await this.replace(changes, changes.removed);
      return changes;
    });
  }

  /**
   * Stages every changed file beside the old one, readable by its owner only, and renames them into place only once
   * all are staged (a failure before that leaves every previous file as it was, and no staged file behind); then
   * removes the files that go.
   */
  private async replace(changes: SwitchChanges, removed: readonly PlainFile[] = []): Promise<void> {
    const texts: Array<[SettingFile, string]> = [
      ...Object.entries(changes.keyed).map(([file, values]): [SettingFile, string] => [
        file as SettingFile,
        formatKeyed(values),
      ]),
      ...Object.entries(changes.plain).map(([file, value]): [SettingFile, string] => [file as SettingFile, value]),
    ];
    await fs.mkdir(this.directory, { recursive: true, mode: 0o700 });
    const staged = await Promise.allSettled(texts.map(([file, text]) => this.stage(this.pathOf(file), text, fileMode)));
    const failed = staged.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) {
      await Promise.all(
        staged.map((result) => (result.status === 'fulfilled' ? fs.rm(result.value, { force: true }) : undefined)),
      );
      throw failed.reason;
    }
    const ready = staged.map((result) => (result as PromiseFulfilledResult<string>).value);
    for (const [index, [file]] of texts.entries()) await fs.rename(ready[index], this.pathOf(file));
    for (const file of removed) await fs.rm(this.pathOf(file), { force: true });
  }

  /** Whether the convox CLI has made its directory: someone uses the CLI here. */
  inUse(): boolean {
    return fsSync.existsSync(this.directory);
  }

  pathOf(file: SettingFile): string {
    return path.join(this.directory, file);
  }

  private async text(file: SettingFile): Promise<string> {
    try {
      return await fs.readFile(this.pathOf(file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw new CliConfigError(`${this.pathOf(file)} could not be read: ${(error as Error).message}`);
    }
  }
}

/** The CLI's files where the convox CLI run by this user finds them (CONVOX_CONFIG, XDG, legacy). */
export function userCliConfigFiles(): CliConfigFiles {
  const inputs = {
    env: process.env,
    home: os.homedir(),
    platform: process.platform,
    exists: (directory: string) => fsSync.existsSync(directory),
  };
  return new CliConfigFiles(cliConfigDirectory(inputs).path);
}
