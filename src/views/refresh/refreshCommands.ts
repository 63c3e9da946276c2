import * as vscode from 'vscode';
import type { RefreshReason } from '../../model/store/refreshPolicy';
import type { RackStore } from '../../model/store/rackStore';
import { reportFailure } from '../failures';

/** Convox: Refresh Racks, the error rows' Retry, and Show Log; the store shows progress in the view. */
export function registerRefreshCommands(store: RackStore, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const refresh = (reason: RefreshReason) => async (): Promise<void> => {
    try {
      await store.refresh(reason);
    } catch (error) {
      await reportFailure(log, 'Refreshing racks failed', error);
    }
  };
  return [
    vscode.commands.registerCommand('convox.refresh', refresh('manual')),
    vscode.commands.registerCommand('convox.retryDiscovery', refresh('retry')),
    vscode.commands.registerCommand('convox.showLog', () => log.show()),
  ];
}
