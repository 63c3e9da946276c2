import * as vscode from 'vscode';
import { diagnosisDocument } from '../../model/diagnose/document';
import type { RackDiagnostics } from '../../model/diagnose/ports';
import { diagnose } from '../../model/diagnose/rules';
import type { Rack } from '../../model/rack';
import { requestTimeoutSeconds } from '../shared/settings';
import { awsRacksOnly, type RackArguments } from '../shared/rackArgument';
import { registerCommand } from '../shared/commands';

export const diagnosisScheme = 'convox-diagnosis';

/** Read-only Markdown documents "Why is org/rack status?", one per rack, written when read. */
export class DiagnosisDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly diagnostics: RackDiagnostics) {}

  static uriOf(rack: Rack): vscode.Uri {
    return vscode.Uri.from({
      scheme: diagnosisScheme,
      path: `/${rack.organization}\u2215${rack.name} diagnosis`,
      query: new URLSearchParams({ stack: rack.stackId }).toString(),
    });
  }

  /** Reads the rack's evidence from AWS (with a progress notification) and writes its document. */
  async diagnose(rack: Rack): Promise<vscode.Uri> {
    const uri = DiagnosisDocuments.uriOf(rack);
    const evidence = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Convox: diagnosing ${rack.displayName}…` },
      () => this.diagnostics.evidence(rack, requestTimeoutSeconds() * 1000),
    );
    this.texts.set(uri.toString(), diagnosisDocument(diagnose(evidence), evidence.readAt, evidence.calls));
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This diagnosis is no longer kept. Run Convox: Diagnose Rack again.\n';
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Convox: Diagnose Rack (a row, a stack id from the architecture view or a notification, the current rack, a pick) and Diagnose Again. */
export function registerDiagnoseCommands(
  racks: RackArguments,
  documents: DiagnosisDocuments,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const show = async (rack: Rack): Promise<void> => {
    const uri = await documents.diagnose(rack);
    const document = await vscode.languages.setTextDocumentLanguage(
      await vscode.workspace.openTextDocument(uri),
      'markdown',
    );
    await vscode.window.showTextDocument(document, { preview: false });
  };
  const diagnoseRack = async (target?: unknown): Promise<void> => {
    const rack = await racks.resolve(target, {
      title: 'Diagnose rack',
      withoutArgument: 'current',
      only: awsRacksOnly('CloudFormation stack to diagnose: kubectl describe shows its pods'),
      reason: 'inspect',
    });
    if (rack) await show(rack);
  };
  const diagnoseAgain = async (uri?: vscode.Uri): Promise<void> => {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    const stackId = target?.scheme === diagnosisScheme ? new URLSearchParams(target.query).get('stack') : undefined;
    if (stackId) await diagnoseRack(stackId);
  };
  return [registerCommand('diagnoseRack', log, diagnoseRack), registerCommand('diagnoseAgain', log, diagnoseAgain)];
}
