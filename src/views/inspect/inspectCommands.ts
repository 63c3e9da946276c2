import * as vscode from 'vscode';
import type { RackStore } from '../../model/store/rackStore';
import { knownRacks, pickRack } from '../rackPicker';
import type { Node, RacksTree } from '../racks/racksTree';
import type { CurrentRack } from '../switch/currentRack';
import { inspectUri, type InspectDocuments } from './inspectDocuments';

/** Convox: Inspect Rack (a rack row, else the current rack, else a quick pick) and Refresh Inspection. */
export function registerInspectCommands(
  store: RackStore,
  tree: RacksTree,
  current: CurrentRack,
  documents: InspectDocuments,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const inspectRack = async (target?: Node): Promise<void> => {
    let rack = target ? tree.rackOf(target) : undefined;
    if (!rack) {
      const racks = await knownRacks(store, log, 'inspect');
      if (!racks) return;
      rack = current.rack() ?? (await pickRack(racks, 'Inspect rack', current.id));
    }
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
    vscode.commands.registerCommand('convox.inspectRack', inspectRack),
    vscode.commands.registerCommand('convox.refreshInspection', refreshInspection),
  ];
}
