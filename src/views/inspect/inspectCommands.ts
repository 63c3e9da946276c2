import * as vscode from 'vscode';
import type { RackArguments } from '../shared/rackArgument';
import { inspectUri, type InspectDocuments } from './inspectDocuments';
import { registerCommand } from '../shared/commands';

/** Convox: Inspect Rack (a rack row, else the current rack, else a quick pick) and Refresh Inspection. */
export function registerInspectCommands(
  racks: RackArguments,
  documents: InspectDocuments,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const inspectRack = async (target?: unknown): Promise<void> => {
    const rack = await racks.resolve(target, { title: 'Inspect rack', withoutArgument: 'current', reason: 'inspect' });
    if (!rack) return;
    const uri = inspectUri(rack);
    const document = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Convox: inspecting ${rack.displayName}…` },
      () => vscode.workspace.openTextDocument(uri),
    );
    await vscode.window.showTextDocument(document, { preview: false });
  };
  const refreshInspection = (uri?: vscode.Uri): void => {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (target) documents.refresh(target);
  };
  return [
    registerCommand('inspectRack', log, inspectRack),
    registerCommand('refreshInspection', log, refreshInspection),
  ];
}
