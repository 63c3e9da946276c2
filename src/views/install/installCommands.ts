import * as vscode from 'vscode';
import { lazy } from '../../model/store/lazyPorts';
import type { RackStore } from '../../model/store/rackStore';
import { reportFailure } from '../shared/failures';
import type { RackArguments } from '../shared/rackArgument';
import type { CliRecords } from '../cli/cliRecords';
import type { CurrentRack } from '../switch/currentRack';
import { InstallRecords } from './installRecords';
import { registerCommand } from '../shared/commands';

/**
 * Convox: Install Rack and Convox: Uninstall Rack. Their code is a bundle of its own (dist/installUi.js), loaded
 * on first use; after a window reload it loads at once only if an install this extension started is recorded,
 * to resume its progress from AWS.
 */
export function registerInstallCommands(
  context: vscode.ExtensionContext,
  store: RackStore,
  racks: RackArguments,
  current: CurrentRack,
  cli: CliRecords,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const ui = lazy(async () => (await import('./installUi')).createInstallUi({ context, store, current, cli, log }));
  const install = async (): Promise<void> => (await ui()).install();
  const uninstall = async (target?: unknown): Promise<void> => {
    const rack = await racks.resolve(target, {
      title: 'Uninstall which rack?',
      withoutArgument: 'ask',
      reason: 'manual',
    });
    if (rack) await (await ui()).uninstall(rack);
  };
  // After activation, not during it: resuming reads AWS.
  const resume = setTimeout(() => {
    if (new InstallRecords(context.globalState).all().length === 0) return;
    void ui()
      .then((loaded) => loaded.resume())
      .catch((error: unknown) => reportFailure(log, 'Could not resume following an install', error));
  }, 1_000);
  return [
    registerCommand('installRack', log, install),
    registerCommand('uninstallRack', log, uninstall),
    { dispose: () => clearTimeout(resume) },
  ];
}
