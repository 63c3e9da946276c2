export interface Timers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimers: Timers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/**
 * Refreshes every `intervalSeconds` only while something that shows racks is visible (0 turns it off). Becoming
 * visible after the data went stale refreshes at once. Hidden, it makes no calls at all.
 */
export class AutoRefresh {
  private handle: unknown;
  private visible = false;
  private intervalSeconds: number;

  constructor(
    private readonly refresh: () => void,
    private readonly lastRefresh: () => Date | undefined,
    intervalSeconds: number,
    private readonly timers: Timers = realTimers,
    private readonly now: () => number = Date.now,
  ) {
    this.intervalSeconds = intervalSeconds;
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (visible && this.isStale()) this.refresh();
    this.reschedule();
  }

  setInterval(seconds: number): void {
    this.intervalSeconds = Math.max(0, seconds);
    this.reschedule();
  }

  dispose(): void {
    this.stop();
  }

  private isStale(): boolean {
    const last = this.lastRefresh();
    if (!last) return true;
    return this.intervalSeconds > 0 && this.now() - last.getTime() >= this.intervalSeconds * 1000;
  }

  private reschedule(): void {
    this.stop();
    if (this.visible && this.intervalSeconds > 0) this.handle = this.timers.setInterval(() => this.refresh(), this.intervalSeconds * 1000);
  }

  private stop(): void {
    if (this.handle !== undefined) this.timers.clearInterval(this.handle);
    this.handle = undefined;
  }
}
