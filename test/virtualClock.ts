import type { Timers } from '../src/model/store/refreshPolicy';

interface Timer {
  callback: () => void;
  /** Undefined for a one-shot timer. */
  every: number | undefined;
  next: number;
  handle: number;
}

/** Timers on a clock that moves only when told to: minutes of refresh policy in microseconds. */
export class VirtualClock implements Timers {
  private time = 0;
  private timers: Timer[] = [];
  private nextHandle = 1;

  now(): number {
    return this.time;
  }

  setInterval(callback: () => void, ms: number): unknown {
    return this.add(callback, ms, ms);
  }

  setTimeout(callback: () => void, ms: number): unknown {
    return this.add(callback, ms, undefined);
  }

  clearInterval(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.handle !== handle);
  }

  clearTimeout(handle: unknown): void {
    this.clearInterval(handle);
  }

  /** Fires every timer due within `ms`, in order, and returns how many fired. */
  advance(ms: number): number {
    const end = this.time + ms;
    let fired = 0;
    for (;;) {
      const due = this.timers.filter((timer) => timer.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.time = due.next;
      if (due.every === undefined) this.clearInterval(due.handle);
      else due.next += due.every;
      due.callback();
      fired += 1;
    }
    this.time = end;
    return fired;
  }

  private add(callback: () => void, ms: number, every: number | undefined): number {
    const handle = this.nextHandle++;
    this.timers.push({ callback, every, next: this.time + ms, handle });
    return handle;
  }
}
