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
  type SettingFile,
} from '../model/cli/cliSettings';
import { cliConfigDirectory } from '../model/cli/configDirectory';

/** Writes a whole file at once: a temporary file renamed over the old one, so a reader never sees half of it. */
export type AtomicWrite = (file: string, text: string, mode: number) => Promise<void>;

// Loaded on the first write: it costs activation about 10 ms, and most sessions never switch the CLI.
const writeAtomically: AtomicWrite = async (file, text, mode) => (await import('write-file-atomic')).default(file, text, { mode });

/** Where each keyed file's values go in CliSettings. */
const settingOf = { auth: 'auth', racks: 'racks', 'self-managed': 'selfManaged' } as const satisfies Record<KeyedFile, keyof CliSettings>;

/** The v2 CLI's setting files in one directory (see model/cli/configDirectory.ts for which). */
export class CliConfigFiles {
  constructor(
    readonly directory: string,
    private readonly write: AtomicWrite = writeAtomically,
  ) {}

  /** Every setting file; a missing one is empty. A file the CLI could not read either is a CliConfigError. */
  async read(): Promise<CliSettings> {
    const [host, rack, ...keyed] = await Promise.all([this.text('host'), this.text('rack'), ...keyedFiles.map((file) => this.text(file))]);
    const settings: CliSettings = { host: host.trim(), rack: rack.trim(), auth: {}, racks: {}, selfManaged: {} };
    keyedFiles.forEach((file, index) => {
      settings[settingOf[file]] = parseKeyed(this.pathOf(file), keyed[index]);
    });
    return settings;
  }

  /**
   * Points the CLI at `target`. Everything is read and checked first, so a file that cannot be parsed stops the
   * switch before anything is written; each file is then replaced whole, readable by its owner only.
   */
  async switchTo(target: CliTarget): Promise<void> {
    const changes = switchChanges(await this.read(), target);
    await fs.mkdir(this.directory, { recursive: true, mode: 0o700 });
    for (const [file, values] of Object.entries(changes.keyed)) await this.write(this.pathOf(file as SettingFile), formatKeyed(values), fileMode);
    for (const [file, value] of Object.entries(changes.plain)) await this.write(this.pathOf(file as SettingFile), value, fileMode);
  }

  /**
   * Changes the files as `change` says from what they hold now, everything read and checked first (a file that
   * cannot be parsed stops it before anything is written); only the files that change are replaced, whole and
   * readable by their owner only. Returns what changed.
   */
  async update(change: (settings: CliSettings) => CliFileChanges): Promise<CliFileChanges> {
    const changes = change(await this.read());
    if (changes.summary.length === 0) return changes;
    await fs.mkdir(this.directory, { recursive: true, mode: 0o700 });
    for (const [file, values] of Object.entries(changes.keyed)) await this.write(this.pathOf(file as SettingFile), formatKeyed(values), fileMode);
    for (const [file, value] of Object.entries(changes.plain)) await this.write(this.pathOf(file as SettingFile), value, fileMode);
    for (const file of changes.removed) await fs.rm(this.pathOf(file), { force: true });
    return changes;
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
  const inputs = { env: process.env, home: os.homedir(), platform: process.platform, exists: (directory: string) => fsSync.existsSync(directory) };
  return new CliConfigFiles(cliConfigDirectory(inputs).path);
}
