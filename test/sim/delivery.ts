// How an answer goes onto the wire: whole, or in one of the ways a broken network or proxy delivers it. Every
// delivery ends when it is written, when the client goes away or when the simulator stops, and leaves no timer or
// listener behind; a delivery given up on rejects, and the server then destroys the response.
import { once } from 'node:events';
import type * as http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WireResponse } from './protocols/wire';
import type { WriteStats } from './types';

export type Delivery =
  | { kind: 'whole' }
  /** Not even the headers. */
  | { kind: 'silent' }
  /** The headers and the first half of the body. */
  | { kind: 'stalled' }
  | { kind: 'trickle'; bytesPerWrite: number; gapMs: number }
  /** The body with `fill` repeated at its character `at` until it is `sizeBytes` long. */
  | { kind: 'padded'; at: number; fill: string; sizeBytes: number; chunked: boolean };

/** Padded answers go out this many bytes per write, so the simulator never holds more of one. */
export const streamChunkBytes = 64 * 1024;

/** Counts what the server writes of its answers' bodies. */
export class Writes {
  private counts: WriteStats = { bytes: 0, largestWrite: 0, mostQueued: 0, open: 0 };

  stats(): WriteStats {
    return { ...this.counts };
  }

  /** Zeroes the totals; `open` counts answers in progress, so it stays. */
  reset(): void {
    this.counts = { bytes: 0, largestWrite: 0, mostQueued: 0, open: this.counts.open };
  }

  opened(): void {
    this.counts.open++;
  }

  closed(): void {
    this.counts.open--;
  }

  /** `response.write(chunk)`, counted; false when the client's socket is full. */
  write(response: http.ServerResponse, chunk: Buffer): boolean {
    const accepted = response.write(chunk);
    this.count(response, chunk.length);
    return accepted;
  }

  end(response: http.ServerResponse, chunk: Buffer): void {
    response.end(chunk);
    this.count(response, chunk.length);
  }

  private count(response: http.ServerResponse, bytes: number): void {
    this.counts.bytes += bytes;
    this.counts.largestWrite = Math.max(this.counts.largestWrite, bytes);
    this.counts.mostQueued = Math.max(this.counts.mostQueued, response.writableLength);
  }
}

const withLength = (headers: Record<string, string>, length: number): Record<string, string> => ({
  ...headers,
  'content-length': String(length),
});

/** Never resolves; rejects once `signal` aborts. */
function abandoned(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** Writes `answer` to `response` as `delivery` says. */
export async function deliver(
  response: http.ServerResponse,
  answer: WireResponse,
  delivery: Delivery,
  stopping: AbortSignal,
  writes: Writes,
): Promise<void> {
  const gone = new AbortController();
  const giveUp = (): void => gone.abort();
  stopping.addEventListener('abort', giveUp, { once: true });
  response.once('close', giveUp);
  // A client that resets the connection has gone away; that is no failure of the simulator.
  response.on('error', giveUp);
  // The client may have left, or the simulator begun stopping, while the answer was held back.
  if (stopping.aborted || response.destroyed) giveUp();
  writes.opened();

  /** Writes `chunk`, then waits while the client's socket is full. */
  const send = async (chunk: Buffer): Promise<void> => {
    gone.signal.throwIfAborted();
    if (!writes.write(response, chunk)) await once(response, 'drain', { signal: gone.signal });
  };
  const sendInChunks = async (buffer: Buffer): Promise<void> => {
    for (let offset = 0; offset < buffer.length; offset += streamChunkBytes) {
      await send(buffer.subarray(offset, offset + streamChunkBytes));
    }
  };

  try {
    const body = Buffer.from(answer.body);
    switch (delivery.kind) {
      case 'whole':
        response.writeHead(answer.status, withLength(answer.headers, body.length));
        writes.end(response, body);
        return;
      case 'silent':
        return await abandoned(gone.signal);
      case 'stalled':
        response.writeHead(answer.status, withLength(answer.headers, body.length));
        await send(body.subarray(0, Math.floor(body.length / 2)));
        return await abandoned(gone.signal);
      case 'trickle':
        response.writeHead(answer.status, withLength(answer.headers, body.length));
        for (let offset = 0; offset < body.length; offset += delivery.bytesPerWrite) {
          if (offset > 0) await sleep(delivery.gapMs, undefined, { signal: gone.signal });
          await send(body.subarray(offset, offset + delivery.bytesPerWrite));
        }
        response.end();
        return;
      case 'padded': {
        const head = Buffer.from(answer.body.slice(0, delivery.at));
        const tail = Buffer.from(answer.body.slice(delivery.at));
        let padding = Math.max(0, delivery.sizeBytes - head.length - tail.length);
        const size = head.length + padding + tail.length;
        response.writeHead(answer.status, delivery.chunked ? answer.headers : withLength(answer.headers, size));
        await sendInChunks(head);
        // One chunk of fill, written over and over: the padding is never in memory as a whole.
        const fill = Buffer.alloc(Math.min(streamChunkBytes, padding), delivery.fill);
        while (padding > 0) {
          const chunk = fill.subarray(0, Math.min(fill.length, padding));
          await send(chunk);
          padding -= chunk.length;
        }
        await sendInChunks(tail);
        response.end();
        return;
      }
    }
  } finally {
    writes.closed();
    stopping.removeEventListener('abort', giveUp);
  }
}
