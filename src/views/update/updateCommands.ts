import * as vscode from 'vscode';
import { lazy } from '../../model/store/lazyPorts';
import type { RackStore } from '../../model/store/rackStore';
import type { ChangePreviewer, RackApi } from '../../model/update/ports';
import { awsRacksOnly, type RackArguments } from '../shared/rackArgument';
import type { RackPasswords } from '../terminal/rackPasswords';
import type { ChangeCommand } from './rackChanges';
import { registerCommand } from '../shared/commands';

/**
 * Convox: Update Rack, Set Rack Parameters, Scale Rack (palette and AWS rack rows) and Manage Trusted Rack
 * Certificates. Their code is a bundle of its own (dist/updateUi.js), loaded on first use.
 */
export function registerUpdateCommands(
  context: vscode.ExtensionContext,
  store: RackStore,
  racks: RackArguments,
  passwords: RackPasswords,
  previewer: ChangePreviewer,
  rackApi: RackApi,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const ui = lazy(async () =>
    (await import('./updateUi')).createUpdateUi({ context, store, passwords, previewer, rackApi, log }),
  );
  const questions: Record<ChangeCommand, string> = {
    update: 'Update which rack?',
    parameters: 'Set the parameters of which rack?',
    scale: 'Scale which rack?',
  };
  const command =
    (kind: ChangeCommand) =>
    async (target?: unknown): Promise<void> => {
      const rack = await racks.resolve(target, {
        title: questions[kind],
        withoutArgument: 'ask',
        only: awsRacksOnly('CloudFormation stack to change: it is changed with kubectl'),
        reason: 'manual',
      });
      if (rack) await (await ui()).change(kind, rack);
    };
  return [
    registerCommand('updateRack', log, command('update')),
    registerCommand('setRackParameters', log, command('parameters')),
    registerCommand('scaleRack', log, command('scale')),
    registerCommand('manageTrustedCertificates', log, async () => (await ui()).manageCertificates()),
  ];
}
