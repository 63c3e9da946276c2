import * as vscode from 'vscode';
import type { Rack } from '../../model/rack';
import { localRackEndpoint } from '../../model/local/localRacks';
import {
  pinnedRackVariables,
  terminalVariableNames,
  type TerminalVariables,
} from '../../model/terminal/rackEnvironment';
import { reachableByV2Cli, type RackArguments } from '../shared/rackArgument';
import type { RackPasswords } from './rackPasswords';
import { registerCommand } from '../shared/commands';

/** Convox: Open Terminal on Rack and Convox: Copy Rack URL, from a rack row, the palette, or a rack name. */
export function registerTerminalCommands(
  racks: RackArguments,
  passwords: RackPasswords,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const rackFor = (target: unknown, title: string): Promise<Rack | undefined> =>
    racks.resolve(target, { title, withoutArgument: 'ask', only: reachableByV2Cli, reason: 'switch' });

  const openTerminal = async (target?: unknown): Promise<vscode.Terminal | undefined> => {
    const rack = await rackFor(target, 'Open a terminal on rack');
    if (!rack) return undefined;
    const pinned = pinnedRackVariables(rack, rack.local ? undefined : await passwords.password(rack));
    const terminal = vscode.window.createTerminal({
      name: rack.displayName,
      iconPath: new vscode.ThemeIcon('server-environment'),
      ...pinnedShell(pinned),
    });
    terminal.show();
    log.info(
      `Opened a terminal on ${rack.displayName} (${Object.keys(pinned).sort().join(', ')} set${pinned.RACK_URL || rack.local ? '' : '; no API password'}).`,
    );
    return terminal;
  };

  const copyRackUrl = async (target?: unknown): Promise<void> => {
    const rack = await rackFor(target, 'Copy the URL of rack');
    if (!rack) return;
    if (rack.local) {
      void vscode.window.showInformationMessage(
        `Convox: ${rack.displayName} is a local rack: it has no password, and the convox CLI reaches it at ${localRackEndpoint(rack.local.namespace)} by its name alone.`,
      );
      return;
    }
    const url = await passwords.url(rack);
    if (!url) {
      void vscode.window.showErrorMessage(
        `Convox: the API password of ${rack.displayName} could not be read, so there is no rack URL to copy. See the log for why.`,
      );
      return;
    }
    const copy = 'Copy';
    const choice = await vscode.window.showWarningMessage(
      `The URL of ${rack.displayName} contains the rack's API password. Anyone who sees it can control the rack. Copy it to the clipboard?`,
      { modal: true },
      copy,
    );
    if (choice !== copy) return;
    await vscode.env.clipboard.writeText(url);
    log.info(`Copied the rack URL of ${rack.displayName} to the clipboard.`);
  };

  return [registerCommand('openTerminal', log, openTerminal), registerCommand('copyRackUrl', log, copyRackUrl)];
}

/** What the extension host itself runs with, not a shell: left out of a terminal built from its environment. */
const hostOnlyVariable = /^(VSCODE_|ELECTRON_)/;

/**
 * How a terminal pinned to a rack starts. The current rack's variables (the environment collection) are applied to
 * every new terminal, and `strictEnv`, which should keep them out, is ignored by remote terminals (microsoft/vscode
 * #125389). So on POSIX the shell starts through `env`, which removes or sets them again: the names and values that
 * are not secret in its arguments, `RACK_URL` (the password) only in the environment, which no collection entry
 * touches. On Windows (local terminals honour it) the whole environment is given with `strictEnv`.
 */
function pinnedShell(
  pinned: TerminalVariables,
): Pick<vscode.TerminalOptions, 'env' | 'strictEnv' | 'shellPath' | 'shellArgs'> {
  if (process.platform === 'win32') {
    const env: Record<string, string> = {};
    const rackVariables = new Set<string>(terminalVariableNames);
    for (const [name, value] of Object.entries(process.env))
      if (value !== undefined && !rackVariables.has(name) && !hostOnlyVariable.test(name)) env[name] = value;
    return { env: { ...env, ...pinned }, strictEnv: true };
  }
  // `env` takes its options before the first NAME=VALUE.
  const unset = terminalVariableNames.filter((name) => pinned[name] === undefined).flatMap((name) => ['-u', name]);
  const set = terminalVariableNames.flatMap((name) =>
    pinned[name] === undefined || name === 'RACK_URL' ? [] : [`${name}=${pinned[name]}`],
  );
  return {
    shellPath: '/usr/bin/env',
    shellArgs: [...unset, ...set, vscode.env.shell || '/bin/sh'],
    env: pinned.RACK_URL ? { RACK_URL: pinned.RACK_URL } : undefined,
  };
}
