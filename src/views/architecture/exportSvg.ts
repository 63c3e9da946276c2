import * as os from 'node:os';
import * as vscode from 'vscode';
import type { RackIdentity } from '../../model/architecture/protocol';

/** Where the save dialog opens: the first workspace folder, else the home folder. */
function defaultTarget(rack: RackIdentity): vscode.Uri {
  const name = `${rack.fullName.replace('/', '-')}-architecture.svg`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  return vscode.Uri.joinPath(folder, name);
}

/** Saves the diagram the page drew where the person chooses; nothing is written if they cancel. */
export async function exportSvg(rack: RackIdentity, svg: string): Promise<void> {
  const target = await vscode.window.showSaveDialog({
    title: `Export the architecture of ${rack.fullName}`,
    defaultUri: defaultTarget(rack),
    filters: { 'SVG image': ['svg'] },
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
  vscode.window.setStatusBarMessage(`$(check) Saved ${vscode.workspace.asRelativePath(target)}`, 4_000);
}
