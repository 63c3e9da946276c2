import type * as vscode from 'vscode';

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
  constructor(private readonly state: vscode.Memento) {}

  all(): InstallRecord[] {
    return this.state.get<InstallRecord[]>(key, []);
  }

  async add(record: InstallRecord): Promise<void> {
    await this.state.update(key, [...this.all().filter((existing) => existing.stackId !== record.stackId), record]);
  }

  async remove(stackId: string): Promise<void> {
    await this.state.update(key, this.all().filter((existing) => existing.stackId !== stackId));
  }
}
