import type { Timers } from '../src/model/store/refreshPolicy';

/**
 * Timers that fire only when a test says, on a clock that starts at the real time and moves only when told: a
 * follower's next poll is the one pending timeout, run by `fire()`.
 */
export class SteppedTimers implements Timers {
  private time = Date.now();
  private pending: { callback: () => void; ms: number; handle: number } | undefined;
  private nextHandle = 1;

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    this.time += ms;
  }

  /** The delay of the timeout waiting to fire, if any. */
  get pendingDelay(): number | undefined {
    return this.pending?.ms;
  }

  /** Runs the waiting timeout; false when there is none. */
  fire(): boolean {
    const due = this.pending;
    if (!due) return false;
    this.pending = undefined;
    due.callback();
    return true;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.pending = { callback, ms, handle };
    return handle;
  }

  clearTimeout(handle: unknown): void {
    if (this.pending?.handle === handle) this.pending = undefined;
  }

  setInterval(): unknown {
    throw new Error('the follower uses no interval');
  }

  clearInterval(): void {}
}
