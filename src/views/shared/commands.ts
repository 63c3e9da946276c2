import * as vscode from 'vscode';
import { commands, type CommandName } from '../../model/commands';
import { reportFailure } from './failures';

/**
 * Registers one of the extension's commands. Whatever it throws is logged and shown once, as "Convox: <title>
 * failed", with Show Log: never an unhandled rejection that VS Code reports without saying which command.
 */
export function registerCommand<Args extends unknown[], Result>(
  name: CommandName,
  log: vscode.LogOutputChannel,
  run: (...args: Args) => Result | Promise<Result>,
): vscode.Disposable {
  const { id, title } = commands[name];
  return vscode.commands.registerCommand(id, async (...args: Args): Promise<Result | undefined> => {
    try {
      return await run(...args);
    } catch (error) {
      await reportFailure(log, `${title.replace(/…$/, '')} failed`, error);
      return undefined;
    }
  });
}

/** Runs one of the extension's commands, as an action of a notification or a page does. */
export function runCommand(name: CommandName, ...args: unknown[]): Thenable<unknown> {
  return vscode.commands.executeCommand(commands[name].id, ...args);
}
