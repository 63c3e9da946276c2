import * as vscode from 'vscode';
import type { Rack } from '../../model/rack';
import type { RackStore } from '../../model/store/rackStore';
import { resolveRack } from '../../model/switch';
import { inertText } from '../../model/untrustedText';
import { localRackEndpoint, v3Refusal } from '../../model/local/localRacks';
import { rackVariables } from '../../model/terminal/rackEnvironment';
import { knownRacks, pickRack, showUnresolved } from '../rackPicker';
import type { Node, RacksTree } from '../racks/racksTree';
import type { CurrentRack } from '../switch/currentRack';
import type { RackPasswords } from './rackPasswords';

/** Convox: Open Terminal on Rack and Convox: Copy Rack URL, from a rack row, the palette, or a rack name. */
export function registerTerminalCommands(store: RackStore, tree: RacksTree, current: CurrentRack, passwords: RackPasswords, log: vscode.LogOutputChannel): vscode.Disposable[] {
  /** A rack the v2 CLI can reach: a v3 rack gets no terminal, CONVOX_RACK or rack URL, and is said so. */
  const reachable = (rack: Rack | undefined): Rack | undefined => {
    const refusal = rack && v3Refusal(rack);
    if (!refusal) return rack;
    void vscode.window.showInformationMessage(`Convox: ${inertText(refusal)}`);
    return undefined;
  };
  const chosenRack = async (target: string | Node | undefined, title: string): Promise<Rack | undefined> => {
    const fromRow = typeof target === 'object' ? tree.rackOf(target) : undefined;
    if (fromRow) return fromRow;
    const racks = (await knownRacks(store, log, 'switch'))?.filter((rack) => v3Refusal(rack) === undefined);
    if (!racks) return undefined;
    if (typeof target !== 'string') return pickRack(racks, title, current.name);
    const resolution = resolveRack(target, racks);
    if ('error' in resolution) {
      showUnresolved(resolution.error);
      return undefined;
    }
    return resolution.rack;
  };

  const rackFor = async (target: string | Node | undefined, title: string): Promise<Rack | undefined> => reachable(await chosenRack(target, title));

  const openTerminal = async (target?: string | Node): Promise<vscode.Terminal | undefined> => {
    const rack = await rackFor(target, 'Open a terminal on rack');
    if (!rack) return undefined;
    const env = rackVariables(rack.fullName, await passwords.url(rack));
    const terminal = vscode.window.createTerminal({ name: rack.fullName, env, iconPath: new vscode.ThemeIcon('server-environment') });
    terminal.show();
    log.info(`Opened a terminal on ${rack.fullName}${env.RACK_URL ? ' (CONVOX_RACK and RACK_URL set)' : ' (CONVOX_RACK set; no API password)'}.`);
    return terminal;
  };

  const copyRackUrl = async (target?: string | Node): Promise<void> => {
    const rack = await rackFor(target, 'Copy the URL of rack');
    if (!rack) return;
    if (rack.local) {
      void vscode.window.showInformationMessage(`Convox: ${rack.fullName} is a local rack: it has no password, and the convox CLI reaches it at ${localRackEndpoint(rack.local.namespace)} by its name alone.`);
      return;
    }
    const url = await passwords.url(rack);
    if (!url) {
      void vscode.window.showErrorMessage(`Convox: the API password of ${rack.fullName} could not be read, so there is no rack URL to copy. See the log for why.`);
      return;
    }
    const copy = 'Copy';
    const choice = await vscode.window.showWarningMessage(
      `The URL of ${rack.fullName} contains the rack's API password. Anyone who sees it can control the rack. Copy it to the clipboard?`,
      { modal: true },
      copy,
    );
    if (choice !== copy) return;
    await vscode.env.clipboard.writeText(url);
    log.info(`Copied the rack URL of ${rack.fullName} to the clipboard.`);
  };

  return [vscode.commands.registerCommand('convox.openTerminal', openTerminal), vscode.commands.registerCommand('convox.copyRackUrl', copyRackUrl)];
}
