import type * as vscode from 'vscode';

/** What is needed of a closed document: its address. */
type ClosedDocument = { readonly uri: { toString(): string } };

/**
 * The texts of read-only documents under one scheme, each kept only while its document is open: VS Code asks
 * for a text again when a closed document is reopened, so one kept past its close would only grow the session.
 */
export class DocumentTexts implements vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly scheme: string,
    onDidClose: (listener: (document: ClosedDocument) => void) => { dispose(): void },
  ) {
    this.subscription = onDidClose((document) => {
      const key = document.uri.toString();
      if (key.startsWith(`${this.scheme}:`)) this.texts.delete(key);
    });
  }

  set(uri: { toString(): string }, text: string): void {
    this.texts.set(uri.toString(), text);
  }

  get(uri: { toString(): string }): string | undefined {
    return this.texts.get(uri.toString());
  }

  /** Documents whose text is kept now. */
  get size(): number {
    return this.texts.size;
  }

  dispose(): void {
    this.subscription.dispose();
    this.texts.clear();
  }
}
