/**
 * The ids of events already shown whose time is inside the window that is read again on each poll: an event
 * read twice is shown once. Ids older than the window are forgotten, so memory follows the event rate, not the
 * session's length.
 */
export class SeenEvents {
  private readonly seen = new Map<string, number>();

  get size(): number {
    return this.seen.size;
  }

  /** True the first time an id is offered. */
  add(id: string, timestamp: number): boolean {
    if (this.seen.has(id)) return false;
    this.seen.set(id, timestamp);
    return true;
  }

  /** Forgets the ids of events before `startTime`, which no later read returns. */
  forgetBefore(startTime: number): void {
    for (const [id, timestamp] of this.seen) if (timestamp < startTime) this.seen.delete(id);
  }

  clear(): void {
    this.seen.clear();
  }
}
