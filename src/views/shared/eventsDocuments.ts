import * as vscode from 'vscode';
import { eventLine, type StackEvent } from '../../model/stackEvents';
import { rootCauseSentence, type RootCause } from '../../model/install/rootCause';
import { DocumentTexts } from './documentTexts';

export const eventsScheme = 'convox-stack-events';

/** Read-only documents of a stack operation's events: the root cause first, then every event, newest first. */
export class EventsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts: DocumentTexts;

  /** Each bundle that shows events registers its own instance, under its own scheme. */
  constructor(readonly scheme: string = eventsScheme) {
    this.texts = new DocumentTexts(scheme, (listener) => vscode.workspace.onDidCloseTextDocument(listener));
  }

  async show(
    stackName: string,
    operation: string,
    events: readonly StackEvent[],
    cause: RootCause | undefined,
  ): Promise<void> {
    const uri = vscode.Uri.from({
      scheme: this.scheme,
      path: `/${stackName} ${operation} events.log`,
      query: String(Date.now()),
    });
    const header = cause
      ? [
          `Root cause: ${rootCauseSentence(cause)}`,
          `  at ${cause.at.toISOString()}, ${cause.status}`,
          `  as CloudFormation said it: ${cause.rawReason}`,
        ]
      : ['No failed resource was found in these events.'];
    this.texts.set(
      uri,
      [...header, '', `Events of ${stackName} (${operation}), newest first:`, ...events.map(eventLine), ''].join('\n'),
    );
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri) ?? 'These events are no longer kept: run the action again.';
  }

  dispose(): void {
    this.texts.dispose();
  }
}
