import * as vscode from 'vscode';
import type { Rack } from '../../model/rack';
import type { RackStore } from '../../model/store/rackStore';
import { inertText } from '../../model/untrustedText';
import type { ChangePreviewer, RackApi } from '../../model/update/ports';
import { EventsDocuments, eventsScheme } from '../shared/eventsDocuments';
import { releasesUrl } from '../shared/settings';
import type { RackPasswords } from '../terminal/rackPasswords';
import { chooseParameter, chooseRelease, chooseScale } from './changeInputs';
import { PreviewDocuments, previewScheme } from './previewDocuments';
import { RackChanges, type ChangeCommand } from './rackChanges';
import { TrustedCertificates } from './trustedCertificates';

export interface UpdateUiContext {
  context: vscode.ExtensionContext;
  store: RackStore;
  passwords: RackPasswords;
  previewer: ChangePreviewer;
  rackApi: RackApi;
  log: vscode.LogOutputChannel;
}

export interface UpdateUi {
  change(command: ChangeCommand, rack: Rack): Promise<void>;
  manageCertificates(): Promise<void>;
}

/** Entry of the dist/updateUi.js bundle: Update Rack, Set Rack Parameters, Scale Rack and trusted certificates. */
export function createUpdateUi({ context, store, passwords, previewer, rackApi, log }: UpdateUiContext): UpdateUi {
  const previews = new PreviewDocuments();
  const events = new EventsDocuments(`${eventsScheme}-update`);
  const pins = new TrustedCertificates(context.globalState);
  context.subscriptions.push(
    previews,
    events,
    vscode.workspace.registerTextDocumentContentProvider(previewScheme, previews),
    vscode.workspace.registerTextDocumentContentProvider(events.scheme, events),
  );
  const changes = new RackChanges({
    store,
    passwords,
    pins,
    previewer,
    rackApi,
    previews,
    events,
    releasesUrl,
    log,
    inputs: { release: chooseRelease, parameter: chooseParameter, scale: chooseScale },
  });
  return {
    change: (command, rack) => changes.run(command, rack),
    manageCertificates: () => manageCertificates(pins, log),
  };
}

/** Lists the trusted rack API certificates; the ones chosen are removed (their racks are asked about again). */
async function manageCertificates(pins: TrustedCertificates, log: vscode.LogOutputChannel): Promise<void> {
  const all = pins.all();
  if (all.length === 0) {
    void vscode.window.showInformationMessage(
      'Convox: no rack API certificate is trusted here. One is offered when a rack API presents a certificate your system does not trust.',
    );
    return;
  }
  const chosen = await vscode.window.showQuickPick(
    all.map((pin) => ({
      label: pin.rack,
      description: inertText(pin.host),
      detail: `SHA-256 ${pin.fingerprint} · trusted ${new Date(pin.trustedAt).toLocaleString()}`,
      pin,
    })),
    {
      title: 'Convox: Trusted Rack Certificates',
      placeHolder: 'Choose the certificates to stop trusting, then press Enter',
      canPickMany: true,
      ignoreFocusOut: true,
    },
  );
  if (!chosen || chosen.length === 0) return;
  await pins.remove(chosen.map((item) => item.pin));
  log.info(
    `Stopped trusting the certificates of ${chosen.map((item) => `${item.pin.rack} (${item.pin.host})`).join(', ')}.`,
  );
  void vscode.window.showInformationMessage(`Convox: ${chosen.length} certificate(s) no longer trusted.`);
}
