import type { Timers } from '../src/model/autoRefresh';

/** Intervals on a clock that moves only when told to: minutes of refresh policy in microseconds. */
export class VirtualClock implements Timers {
  now = 0;
  private timers: Array<{ callback: () => void; every: number; next: number; handle: number }> = [];
  private nextHandle = 1;

  setInterval(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.push({ callback, every: ms, next: this.now + ms, handle });
    return handle;
  }

  clearInterval(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.handle !== handle);
  }

  /** Fires every interval due within `ms`, in order, and returns how many fired. */
  advance(ms: number): number {
    const end = this.now + ms;
    let fired = 0;
    for (;;) {
      const due = this.timers.filter((timer) => timer.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.now = due.next;
      due.next += due.every;
      due.callback();
      fired += 1;
    }
    this.now = end;
    return fired;
  }
}
