import * as vscode from 'vscode';
import type { Rack } from '../../model/rack';
import type { RackStore } from '../../model/store/rackStore';
import { reportFailure } from '../shared/failures';
import { releasesUrl, scanSettings } from '../shared/settings';
import type { CliRecords } from '../cli/cliRecords';
import type { CurrentRack } from '../switch/currentRack';
import { EventsDocuments, eventsScheme } from '../shared/eventsDocuments';
import { InstallRecords } from './installRecords';
import { Installs } from './installRun';
import { installWizard } from './installWizard';
import { uninstallRack } from './uninstallCommand';
import { TrustedCertificates } from '../update/trustedCertificates';
import { runCommand } from '../shared/commands';

export interface InstallUiContext {
  context: vscode.ExtensionContext;
  store: RackStore;
  current: CurrentRack;
  cli: CliRecords;
  log: vscode.LogOutputChannel;
}

export interface InstallUi {
  install(): Promise<void>;
  uninstall(rack: Rack): Promise<void>;
  resume(): Promise<void>;
}

/** Entry of the dist/installUi.js bundle: the install wizard, progress and uninstall, loaded on first use. */
export function createInstallUi({ context, store, current, cli, log }: InstallUiContext): InstallUi {
  const documents = new EventsDocuments();
  context.subscriptions.push(documents, vscode.workspace.registerTextDocumentContentProvider(eventsScheme, documents));
  const installs = new Installs({
    store,
    records: new InstallRecords(context.globalState),
    documents,
    log,
    recordInCli: (rack) => cli.record(rack),
    switchTo: async (rack) => {
      await runCommand('switchRack', rack.stackId);
    },
  });
  return {
    install: async () => {
      try {
        const choices = await installWizard({
          store,
          organizations: scanSettings().organizations,
          releasesUrl: releasesUrl(),
          busy: (...args) => installs.busy(...args),
          log,
        });
        if (choices) await installs.install(choices);
      } catch (error) {
        await reportFailure(log, 'Install Rack stopped', error);
      }
    },
    uninstall: (rack) =>
      uninstallRack(
        {
          store,
          documents,
          log,
          currentRack: () => current.id,
          clearCurrent: () => current.clear(),
          forgetRack: (gone) => new TrustedCertificates(context.globalState).forgetRack(gone.stackId),
          forgetInCli: (gone) => cli.forget(gone),
        },
        rack,
      ),
    resume: () => installs.resume(),
  };
}
