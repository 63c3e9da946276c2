import type * as vscode from 'vscode';

/**
 * A list kept in the extension's state under one key. What is read back is checked entry by entry (the state may
 * come from another version, or be edited by hand), so a malformed entry is dropped rather than trusted.
 */
export class StoredList<T> {
  constructor(
    private readonly state: vscode.Memento,
    private readonly key: string,
    private readonly stringFields: readonly (keyof T & string)[],
    private readonly numberFields: readonly (keyof T & string)[],
  ) {}

  all(): T[] {
    const stored = this.state.get<unknown>(this.key);
    return Array.isArray(stored) ? stored.filter((entry): entry is T => this.isEntry(entry)) : [];
  }

  /** Keeps the entries `keep` accepts, then adds `added`. */
  async replace(keep: (entry: T) => boolean, added: readonly T[] = []): Promise<void> {
    await this.state.update(this.key, [...this.all().filter(keep), ...added]);
  }

  private isEntry(value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    const entry = value as Record<string, unknown>;
    return (
      this.stringFields.every((field) => typeof entry[field] === 'string') &&
      this.numberFields.every((field) => typeof entry[field] === 'number')
    );
  }
}
