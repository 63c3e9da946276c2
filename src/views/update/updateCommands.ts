import * as vscode from 'vscode';
import type { Rack } from '../../model/rack';
import { lazy } from '../../model/store/lazyPorts';
import type { RackStore } from '../../model/store/rackStore';
import type { ChangePreviewer } from '../../model/update/ports';
import { knownRacks, pickRack } from '../rackPicker';
import type { Node, RacksTree } from '../racks/racksTree';
import type { CurrentRack } from '../switch/currentRack';
import type { RackPasswords } from '../terminal/rackPasswords';
import type { ChangeCommand } from './rackChanges';

/**
 * Convox: Update Rack, Set Rack Parameters, Scale Rack (palette and AWS rack rows) and Manage Trusted Rack
 * Certificates. Their code is a bundle of its own (dist/updateUi.js), loaded on first use.
 */
export function registerUpdateCommands(
  context: vscode.ExtensionContext,
  store: RackStore,
  tree: RacksTree,
  current: CurrentRack,
  passwords: RackPasswords,
  previewer: ChangePreviewer,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const ui = lazy(async () =>
    (await import('./updateUi')).createUpdateUi({ context, store, passwords, previewer, log }),
  );
  const questions: Record<ChangeCommand, string> = {
    update: 'Update which rack?',
    parameters: 'Set the parameters of which rack?',
    scale: 'Scale which rack?',
  };
  const command =
    (kind: ChangeCommand) =>
    async (target?: Node): Promise<void> => {
      const fromRow = target ? tree.rackOf(target) : undefined;
      const rack: Rack | undefined =
        fromRow ??
        (await knownRacks(store, log, 'manual').then((racks) =>
          racks
            ? pickRack(
                racks.filter((candidate) => !candidate.local),
                questions[kind],
                current.id,
              )
            : undefined,
        ));
      if (rack) await (await ui()).change(kind, rack);
    };
  return [
    vscode.commands.registerCommand('convox.updateRack', command('update')),
    vscode.commands.registerCommand('convox.setRackParameters', command('parameters')),
    vscode.commands.registerCommand('convox.scaleRack', command('scale')),
    vscode.commands.registerCommand('convox.manageTrustedCertificates', async () => (await ui()).manageCertificates()),
  ];
}
