import type * as vscode from 'vscode';

/** An AbortSignal that aborts when the person presses Cancel: what the model's loops and the AWS calls take. */
export function abortSignalOf(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
