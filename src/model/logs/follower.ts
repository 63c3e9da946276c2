import type { Timers } from '../store/refreshPolicy';
import { LogBuffer } from './buffer';
import type { LogPage, LogQuery } from './events';
import type { LogOptions } from './options';
import { SeenEvents } from './seenEvents';
import { messageOf } from '../errorMessage';

/** Reads one page of the rack's log group within `deadlineMs`; a failure may carry a `kind` (`throttled` …). */
export type LogPageReader = (query: LogQuery, deadlineMs: number) => Promise<LogPage>;

/** Polls as `convox rack logs` does: again in 2 s while events keep coming, in 5 s when quiet. */
export const busyPollMs = 2_000;
export const quietPollMs = 5_000;
/** Throttled polls wait twice as long each time, up to this. */
export const maxBackoffMs = 60_000;
/**
 * How far back each poll reads again: CloudWatch may take a while to make an event searchable, so an event can
 * appear after later ones were read. One this late or less is still shown, in its place.
 */
export const lateWindowMs = 30_000;
/** Pages one poll reads at most; a longer listing goes on from its token at the next poll. */
export const maxPagesPerPoll = 10;

export type FollowState =
  | { kind: 'following' }
  | { kind: 'paused' }
  | { kind: 'throttled'; retryInMs: number }
  | { kind: 'error'; message: string };

export interface FollowerOptions {
  logGroup: string;
  options: LogOptions;
  bufferLines: number;
  deadlineMs: number;
  timers: Timers;
  /** Called after every change of lines or state. */
  changed: () => void;
}

/** Counters for tests and the bench: what following cost. */
export interface FollowStats {
  calls: number;
  polls: number;
  throttles: number;
  seenIds: number;
  bufferedLines: number;
}

function isThrottled(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { kind?: unknown }).kind === 'throttled';
}

/**
 * Follows a rack's log group: polls FilterLogEvents from where the last poll began minus the late window,
 * shows each event once, in time order, in a bounded buffer. Paused, it polls nothing; resumed, it catches up
 * from where it stopped. An error other than throttling stops it until `retry()`.
 */
export class LogFollower {
  private readonly buffer: LogBuffer;
  private readonly seen = new SeenEvents();
  private options: LogOptions;
  private current: FollowState = { kind: 'following' };
  private startTime = 0;
  /** Set while a poll's listing goes on past its page guard: the next poll reads on from here. */
  private continuation: string | undefined;
  private timer: unknown;
  private polling = false;
  /** Asked to poll while a poll was in flight: poll again as soon as it ends. */
  private pollAgain = false;
  /** Bumped by every change of options: the answer to an older poll is dropped. */
  private generation = 0;
  private backoffs = 0;
  private disposed = false;
  private readonly counters = { calls: 0, polls: 0, throttles: 0 };

  constructor(
    private readonly reader: LogPageReader,
    private readonly settings: FollowerOptions,
  ) {
    this.options = settings.options;
    this.buffer = new LogBuffer(settings.bufferLines);
    this.startTime = settings.timers.now() - this.options.sinceMs;
  }

  get state(): FollowState {
    return this.current;
  }

  get logOptions(): LogOptions {
    return this.options;
  }

  stats(): FollowStats {
    return { ...this.counters, seenIds: this.seen.size, bufferedLines: this.buffer.size };
  }

  /** The lines shown, with a first line saying how many older ones were dropped. */
  lines(): string[] {
    const lines = this.buffer.lines();
    if (this.buffer.dropped === 0) return lines;
    return [
      `… ${this.buffer.dropped} older lines dropped (the buffer keeps ${this.settings.bufferLines}: setting convox.logs.bufferLines)`,
      ...lines,
    ];
  }

  start(): void {
    this.pollSoon(0);
  }

  pause(): void {
    if (this.current.kind === 'error' || this.current.kind === 'paused') return;
    this.cancelTimer();
    this.current = { kind: 'paused' };
    this.settings.changed();
  }

  /** Polls at once, reading everything since the last poll began. */
  resume(): void {
    if (this.current.kind !== 'paused') return;
    this.current = { kind: 'following' };
    this.settings.changed();
    this.pollSoon(0);
  }

  retry(): void {
    if (this.current.kind !== 'error' && this.current.kind !== 'throttled') return;
    this.backoffs = 0;
    this.current = { kind: 'following' };
    this.settings.changed();
    this.pollSoon(0);
  }

  /** Starts over with other options: lines from `sinceMs` before now, nothing seen. */
  change(options: LogOptions): void {
    this.options = options;
    this.generation++;
    this.buffer.clear();
    this.seen.clear();
    this.continuation = undefined;
    this.polling = false;
    this.startTime = this.settings.timers.now() - options.sinceMs;
    if (this.current.kind !== 'paused') this.current = { kind: 'following' };
    this.settings.changed();
    if (this.current.kind === 'following') this.pollSoon(0);
  }

  setBufferLines(lines: number): void {
    this.settings.bufferLines = lines;
    this.buffer.setCapacity(lines);
    this.settings.changed();
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  /** Read afresh: a pause may come while a poll waits for AWS. */
  private paused(): boolean {
    return this.current.kind === 'paused';
  }

  private cancelTimer(): void {
    this.settings.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pollSoon(delayMs: number): void {
    this.cancelTimer();
    if (this.disposed) return;
    this.timer = this.settings.timers.setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, delayMs);
  }

  private query(nextToken: string | undefined): LogQuery {
    const { streams, filterPattern } = this.options;
    return {
      logGroup: this.settings.logGroup,
      startTime: this.startTime,
      filterPattern: filterPattern || undefined,
      streamPrefix: streams.kind === 'prefix' && streams.prefix ? streams.prefix : undefined,
      streamNames: streams.kind === 'names' ? streams.names : undefined,
      nextToken,
    };
  }

  private async poll(): Promise<void> {
    // A disposed follower never gets here: dispose() cancels the timer, and pollSoon() sets none after it.
    if (this.current.kind === 'paused' || this.current.kind === 'error') return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    const generation = this.generation;
    const { timers, deadlineMs } = this.settings;
    const begunAt = timers.now();
    let added = 0;
    let token = this.continuation;
    let nextDelay: number | undefined;
    this.counters.polls++;
    try {
      let pages = 0;
      do {
        this.counters.calls++;
        const page = await this.reader(this.query(token), deadlineMs);
        if (generation !== this.generation || this.disposed) return;
        pages++;
        for (const event of page.events) {
          if (event.timestamp < this.startTime || !this.seen.add(event.id, event.timestamp)) continue;
          this.buffer.add(event);
          added++;
        }
        this.buffer.trim();
        token = page.nextToken;
      } while (token !== undefined && pages < maxPagesPerPoll);
      this.continuation = token;
      if (token === undefined) {
        // The next poll reads from a little before this one began: late events come, seen ones are skipped.
        this.startTime = Math.max(this.startTime, begunAt - lateWindowMs);
        this.seen.forgetBefore(this.startTime);
      }
      this.backoffs = 0;
      if (!this.paused()) this.current = { kind: 'following' };
      nextDelay = token !== undefined || added > 0 ? busyPollMs : quietPollMs;
    } catch (error) {
      if (generation !== this.generation || this.disposed) return;
      if (isThrottled(error)) {
        this.counters.throttles++;
        this.backoffs++;
        nextDelay = Math.min(maxBackoffMs, quietPollMs * 2 ** this.backoffs);
        if (!this.paused()) this.current = { kind: 'throttled', retryInMs: nextDelay };
      } else {
        this.current = { kind: 'error', message: messageOf(error) };
      }
    } finally {
      if (!this.disposed && generation === this.generation) {
        this.polling = false;
        if (this.pollAgain) nextDelay = 0;
        this.pollAgain = false;
        this.settings.changed();
        if (nextDelay !== undefined && !this.paused() && this.current.kind !== 'error') this.pollSoon(nextDelay);
      }
    }
  }
}
