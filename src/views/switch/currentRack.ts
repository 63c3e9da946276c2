import * as vscode from 'vscode';
import type { RackId } from '../../model/identity';
import type { Rack } from '../../model/rack';
import type { RackStore } from '../../model/store/rackStore';

/** The current rack: its identity, and the name it was last shown by (shown until the first discovery finds it). */
const key = 'convox.current';
/** Versions before identities kept the current rack by its `org/rack` name, which several racks can share. */
const legacyKey = 'convox.currentRack';

interface Saved {
  id: RackId;
  name: string;
}

export interface CurrentRackChange {
  id: RackId | undefined;
  /** The convox CLI switched first (in a terminal): nothing should be written back to it. */
  fromCli: boolean;
}

function isSaved(value: unknown): value is Saved {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Saved).id === 'string' &&
    typeof (value as Saved).name === 'string'
  );
}

/**
 * The rack made current with Switch Rack (or `convox switch`), by its identity: kept across restarts. This window
 * holds it in memory and only writes it to globalState: while the extension host starts, VS Code may hand back an
 * older copy of the whole globalState for a moment (microsoft/vscode#171827), and the status bar and every command
 * must name the same rack. Another window's switch is not taken in silently either.
 */
export class CurrentRack implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CurrentRackChange>();
  readonly onDidChange = this.changed.event;
  private readonly unsubscribe: () => void;
  private saved: Saved | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly store: RackStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const kept = context.globalState.get<unknown>(key);
    this.saved = isSaved(kept) ? kept : undefined;
    this.unsubscribe = store.onDidChange(() => void this.listChanged());
  }

  get id(): RackId | undefined {
    return this.saved?.id;
  }

  /** What the current rack is shown as: its display name now, else the one it had when last seen. */
  get name(): string | undefined {
    const saved = this.saved;
    return saved ? (this.store.byId(saved.id)?.displayName ?? saved.name) : undefined;
  }

  /** The current rack as the store lists it now. */
  rack(): Rack | undefined {
    const id = this.id;
    return id === undefined ? undefined : this.store.byId(id);
  }

  async set(rack: Rack, fromCli = false): Promise<void> {
    this.saved = { id: rack.stackId, name: rack.displayName };
    // Saving to disk can take a while; the views need not wait.
    const written = this.context.globalState.update(key, this.saved);
    this.changed.fire({ id: rack.stackId, fromCli });
    await written;
  }

  /** No current rack any more (it was uninstalled). */
  async clear(): Promise<void> {
    this.saved = undefined;
    const written = this.context.globalState.update(key, undefined);
    this.changed.fire({ id: undefined, fromCli: false });
    await written;
  }

  dispose(): void {
    this.unsubscribe();
    this.changed.dispose();
  }

  /**
   * Once a discovery has finished, a current rack saved by name by an earlier version becomes the one rack of
   * that name, or is dropped (none, or several in different regions or accounts): never guessed.
   */
  private async listChanged(): Promise<void> {
    const legacy = this.context.globalState.get<unknown>(legacyKey);
    if (legacy === undefined || !this.store.hasRefreshed || this.store.loading) return;
    await this.context.globalState.update(legacyKey, undefined);
    if (typeof legacy !== 'string' || this.saved) return;
    const named = this.store.racks().filter((rack) => rack.fullName === legacy);
    if (named.length === 1) {
      this.log.info(
        `The current rack saved by an earlier version as ${legacy} is now kept by its stack id (${named[0].stackId}).`,
      );
      await this.set(named[0]);
      return;
    }
    const why =
      named.length === 0
        ? 'no rack of that name was found'
        : `${named.length} racks have that name (${named.map((rack) => rack.displayName).join(', ')})`;
    this.log.warn(
      `The current rack saved by an earlier version as ${legacy} was dropped: ${why}. Choose one with Convox: Switch Rack.`,
    );
    this.changed.fire({ id: undefined, fromCli: false });
  }
}
