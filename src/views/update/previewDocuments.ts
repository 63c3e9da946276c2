import * as vscode from 'vscode';
import { DocumentTexts } from '../shared/documentTexts';

export const previewScheme = 'convox-rack-preview';

/** Read-only preview documents: what a rack change would do, before it is applied. */
export class PreviewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new DocumentTexts(previewScheme, (listener) =>
    vscode.workspace.onDidCloseTextDocument(listener),
  );

  async show(rackFullName: string, text: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({
      scheme: previewScheme,
      path: `/${rackFullName.replace('/', '\u2215')} preview`,
      query: String(Date.now()),
    });
    this.texts.set(uri, text);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: false });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri) ?? 'This preview is no longer kept: run the command again.';
  }

  dispose(): void {
    this.texts.dispose();
  }
}
