import * as vscode from 'vscode';
import { failureNotice } from '../../model/notices';
import { SettingsError } from '../../model/settings';
import { showSettingsError } from './settings';
import { messageOf } from '../../model/errorMessage';

/**
 * A failed action the person asked for: logged whole, and shown with a way to the log (a bad setting, with a way to
 * it). The message often carries AWS or rack text, so the notification gets it inert (see model/untrustedText).
 */
export async function reportFailure(log: vscode.LogOutputChannel, what: string, error: unknown): Promise<void> {
  if (error instanceof SettingsError) return showSettingsError(error);
  const message = messageOf(error);
  log.error(`${what}: ${message}`);
  const show = 'Show Log';
  if ((await vscode.window.showErrorMessage(failureNotice(what, message), show)) === show) log.show();
}
