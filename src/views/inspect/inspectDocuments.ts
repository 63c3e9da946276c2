import * as vscode from 'vscode';
import { inspectDocument, localInspectDocument } from '../../model/inspect/inspectDocument';
import type { Rack } from '../../model/rack';
import type { RackStore } from '../../model/store/rackStore';

export const inspectScheme = 'convox-rack';
const eventCount = 20;

/**
 * An editor tab shows the last segment of a document's path. To title the tab `org/rack` the path holds one
 * segment joined by a division slash (U+2215), which reads as "/"; fullNameOf turns it back.
 */
const titleSlash = '\u2215';

export function inspectUri(rack: Rack): vscode.Uri {
  return vscode.Uri.from({ scheme: inspectScheme, path: `/${rack.organization}${titleSlash}${rack.name}` });
}

/** The `org/rack` an inspect document's URI names. */
export function fullNameOf(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(titleSlash, '/');
}

/** Read-only `org/rack` documents: what `convox rack`, `rack params`, `instances` and `rack ps` print. */
export class InspectDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly store: RackStore) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const fullName = fullNameOf(uri);
    const rack = this.store.find(fullName);
    if (!rack) return `${fullName}\n\nThis rack is not in the last discovery. Refresh the Racks view, then use Refresh on this document.\n`;
    if (rack.local) return localInspectDocument(rack);
    const [details, processes, events] = await Promise.all([this.store.details(rack), this.store.processes(rack), this.store.events(rack, eventCount)]);
    return inspectDocument(rack, details, processes, events, new Date());
  }

  /** Reads the rack again from AWS and redraws its document. */
  refresh(uri: vscode.Uri): void {
    const rack = this.store.find(fullNameOf(uri));
    if (rack && !rack.local) this.store.reloadDetails(rack, 'inspect').catch(() => undefined);
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
