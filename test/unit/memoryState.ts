import type * as vscode from 'vscode';

/** Global state as VS Code keeps it: values by key. */
export class MemoryState implements Pick<vscode.Memento, 'get' | 'update'> {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }

  get memento(): vscode.Memento {
    return this as unknown as vscode.Memento;
  }
}
