import type { Call } from './types';

/** Every authenticated request the simulator received, in arrival order. */
export class CallLog {
  private calls: Call[] = [];

  record(call: Call): void {
    this.calls.push(call);
  }

  all(): Call[] {
    return [...this.calls];
  }

  /** Calls whose fields equal every field given in `filter` (`at` compared by time). */
  count(filter: Partial<Call> = {}): number {
    return this.calls.filter((call) =>
      (Object.keys(filter) as (keyof Call)[]).every((key) => {
        const wanted = filter[key];
        if (wanted === undefined) return true;
        if (wanted instanceof Date) return call.at.getTime() === wanted.getTime();
        return call[key] === wanted;
      }),
    ).length;
  }

  reset(): void {
    this.calls = [];
  }
}
