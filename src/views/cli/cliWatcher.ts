import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CliConfigFiles } from '../../cli/configFiles';
import { currentCliRack, rackNamedByCli } from '../../model/cli/cliSettings';
import type { RackStore } from '../../model/store/rackStore';
import type { CurrentRack } from '../switch/currentRack';
import { within } from './within';
import { messageOf } from '../../model/errorMessage';

/** Waits for a burst of writes (the CLI writes `host`, then `racks`) to end before reading. */
const debounceMs = 300;
/** A read of the CLI's files past this is given up. */
const readDeadlineMs = 5_000;
/** The files that say which rack the CLI targets. */
const watchedFiles = new Set(['host', 'racks', 'rack']);

/**
 * Watches the convox CLI's files: when `convox switch` in a terminal points it at a rack the Racks view lists,
 * that rack becomes current here too (nothing is written back); a rack it does not list is named in the log.
 */
export class CliWatcher implements vscode.Disposable {
  private watcher: fs.FSWatcher | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** What the CLI targeted at the last read, so that only a change is acted on. */
  private lastSeen: string | undefined;
  private disposed = false;
  private readonly files: CliConfigFiles;

  constructor(
    files: () => CliConfigFiles,
    private readonly current: CurrentRack,
    private readonly store: RackStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.files = files();
    this.watch();
    void this.check(false);
  }

  /** Reads the CLI's current rack and follows it when it changed; resolves when done. */
  async check(follow = true): Promise<void> {
    let cliName: string | undefined;
    let host: string;
    try {
      const settings = await within(this.files.read(), readDeadlineMs, `reading ${this.files.directory}`);
      host = process.env.CONVOX_HOST || settings.host;
      cliName = currentCliRack(settings, process.env.CONVOX_HOST);
    } catch (error) {
      this.log.warn(`The convox CLI's configuration could not be read: ${messageOf(error)}`);
      return;
    }
    const seen = `${cliName ?? ''}\u0000${host}`;
    if (seen === this.lastSeen || this.disposed) return;
    this.lastSeen = seen;
    if (!follow || (!cliName && !host)) return;
    const rack = rackNamedByCli(cliName, host, this.store.racks());
    const named = cliName ?? host;
    if (!rack) {
      this.log.warn(
        `The convox CLI switched to ${named}, which is not a rack the Racks view lists; the current rack stays ${this.current.name ?? 'unset'}.`,
      );
      return;
    }
    if (rack.stackId === this.current.id) return;
    this.log.info(`The convox CLI switched to ${named}: ${rack.displayName} is now the current rack.`);
    await this.current.set(rack, true);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.watcher?.close();
  }

  /** Watches the directory (renames over a file included); while it does not exist, its parent, for its creation. */
  private watch(): void {
    const directory = this.files.directory;
    try {
      this.watcher = fs.watch(
        directory,
        (_event, file) => (file === null || watchedFiles.has(String(file))) && this.changed(),
      );
      this.watcher.on('error', (error) =>
        this.log.warn(`Stopped watching the convox CLI's configuration: ${error.message}`),
      );
    } catch {
      try {
        this.watcher = fs.watch(path.dirname(directory), (_event, file) => {
          if (String(file) !== path.basename(directory) || !fs.existsSync(directory)) return;
          this.watcher?.close();
          this.watch();
          this.changed();
        });
      } catch (error) {
        this.log.info(`Not watching the convox CLI's configuration (${directory}): ${messageOf(error)}`);
      }
    }
  }

  private changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), debounceMs);
  }
}
