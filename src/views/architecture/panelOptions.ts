import * as vscode from 'vscode';
import type { Rack } from '../../model/rack';
import type { RackStore } from '../../model/store/rackStore';

export const architectureViewType = 'convox.architecture';

/** What a panel needs from the rest of the extension. */
export interface PanelContext {
  store: RackStore;
  extensionUri: vscode.Uri;
  refreshSeconds(): number;
  revealInTree(rack: Rack): Promise<void>;
  log: vscode.LogOutputChannel;
}

/** Scripts on, and files only from the built webview assets and the stylesheet folder. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}
