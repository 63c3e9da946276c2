import { logLine, type LogEvent } from './events';

interface Entry {
  timestamp: number;
  line: string;
}

/**
 * The lines shown, oldest first and in event time order, at most `capacity` of them: the oldest are dropped,
 * and counted, once it is full. A late event is put in its place by time, not at the end.
 */
export class LogBuffer {
  private entries: Entry[] = [];
  private droppedCount = 0;

  constructor(private capacity: number) {}

  get size(): number {
    return this.entries.length;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  setCapacity(capacity: number): void {
    this.capacity = capacity;
    this.trim();
  }

  add(event: LogEvent): void {
    const entry = { timestamp: event.timestamp, line: logLine(event) };
    // Events come in time order nearly always: look from the end.
    let at = this.entries.length;
    while (at > 0 && this.entries[at - 1].timestamp > entry.timestamp) at--;
    this.entries.splice(at, 0, entry);
  }

  /** Drops the oldest lines beyond the capacity; called after each batch, so a batch costs one shift. */
  trim(): void {
    const excess = this.entries.length - this.capacity;
    if (excess <= 0) return;
    this.entries.splice(0, excess);
    this.droppedCount += excess;
  }

  clear(): void {
    this.entries = [];
    this.droppedCount = 0;
  }

  lines(): string[] {
    return this.entries.map((entry) => entry.line);
  }
}
