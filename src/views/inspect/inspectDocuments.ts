import * as vscode from 'vscode';
import { inspectDocument, localInspectDocument } from '../../model/inspect/inspectDocument';
import type { RackId } from '../../model/identity';
import type { Rack } from '../../model/rack';
import type { RackStore } from '../../model/store/rackStore';

export const inspectScheme = 'convox-rack';
const eventCount = 20;

/**
 * An editor tab shows the last segment of a document's path. To title the tab with the rack's display name the
 * path holds one segment, its "/" a division slash (U+2215), which reads as "/". The rack itself is named by its
 * identity, in the query: the name can be shared by racks in other regions or accounts.
 */
const titleSlash = '\u2215';

export function inspectUri(rack: Rack): vscode.Uri {
  return vscode.Uri.from({
    scheme: inspectScheme,
    path: `/${rack.displayName.replace('/', titleSlash)}`,
    query: rack.stackId,
  });
}

/** The identity of the rack an inspect document shows. */
export function rackIdOf(uri: vscode.Uri): RackId {
  return uri.query;
}

/** The name the rack had when its document was opened. */
function shownNameOf(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(titleSlash, '/');
}

/** Read-only documents of a rack: what `convox rack`, `rack params`, `instances` and `rack ps` print. */
export class InspectDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly store: RackStore) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const rack = this.store.byId(rackIdOf(uri));
    if (!rack)
      return `${shownNameOf(uri)}\n\nThis rack is not in the last discovery. Refresh the Racks view, then use Refresh on this document.\n`;
    if (rack.local) return localInspectDocument(rack);
    const [details, processes, events] = await Promise.all([
      this.store.details(rack),
      this.store.processes(rack),
      this.store.events(rack, eventCount),
    ]);
    return inspectDocument(rack, details, processes, events, new Date());
  }

  /** Reads the rack again from AWS and redraws its document. */
  refresh(uri: vscode.Uri): void {
    const rack = this.store.byId(rackIdOf(uri));
    if (rack && !rack.local) this.store.reloadDetails(rack, 'inspect').catch(() => undefined);
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
