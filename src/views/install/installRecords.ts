import type * as vscode from 'vscode';
import { StoredList } from '../shared/storedList';

/** An install this extension started, kept so that a window reload can resume showing its progress. */
export interface InstallRecord {
  profile: string;
  region: string;
  name: string;
  stackId: string;
  total: number;
  startedAt: number;
}

const key = 'convox.installs';

/** The installs under way, in the extension's global state (every window sees them; none holds a secret). */
export class InstallRecords {
  private readonly list: StoredList<InstallRecord>;

  constructor(state: vscode.Memento) {
    this.list = new StoredList<InstallRecord>(
      state,
      key,
      ['profile', 'region', 'name', 'stackId'],
      ['total', 'startedAt'],
    );
  }

  all(): InstallRecord[] {
    return this.list.all();
  }

  async add(record: InstallRecord): Promise<void> {
    await this.list.replace((existing) => existing.stackId !== record.stackId, [record]);
  }

  async remove(stackId: string): Promise<void> {
    await this.list.replace((existing) => existing.stackId !== stackId);
  }
}
