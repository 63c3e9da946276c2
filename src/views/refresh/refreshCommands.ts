import * as vscode from 'vscode';
import type { RefreshReason } from '../../model/store/refreshPolicy';
import type { RackStore } from '../../model/store/rackStore';
import { reportFailure } from '../shared/failures';
import { registerCommand } from '../shared/commands';

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
    registerCommand('refresh', log, refresh('manual')),
    registerCommand('retryDiscovery', log, refresh('retry')),
    registerCommand('showLog', log, () => log.show()),
  ];
}
