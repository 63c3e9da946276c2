import type * as vscode from 'vscode';
import type { LastSeenKeeper } from '../../model/store/ports';

/** Kept in globalState, which VS Code keeps per machine: the key is not marked for Settings Sync. */
const key = 'convox.racks.lastSeen';

/** The last-seen racks' place between sessions; what is read back is checked by the model, never trusted. */
export function lastSeenKeeper(state: vscode.Memento): LastSeenKeeper {
  return {
    read: () => state.get<unknown>(key),
    write: (value) => void state.update(key, value),
  };
}
