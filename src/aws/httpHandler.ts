import { pipeline, Transform, type Readable } from 'node:stream';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpHandlerOptions } from '@smithy/types';
import { requestSignal } from './requestSignal';

/**
 * The largest answer read from any endpoint. A page of 100 stacks from AWS is well under 1 MB; an answer past
 * this comes from something broken, and parsing multiplies it about 40 times in memory, so 8 MB already costs
 * some 300 MB.
 */
export const maxAnswerBytes = 8 * 1024 * 1024;

/** An answer refused for its size, before it was held in memory. */
export class AnswerTooLargeError extends Error {
  override readonly name = 'AnswerTooLargeError';
}

function tooLarge(): AnswerTooLargeError {
  return new AnswerTooLargeError(`an answer of more than ${maxAnswerBytes / 1024 / 1024} MB`);
}

/**
 * One HTTP handler (one connection pool) for every client, so a thousand profiles do not each keep sockets
 * open. Clients call `destroy()` when they go, so that does nothing; `close()` ends the pool. An answer past
 * `maxAnswerBytes` is refused: by its declared length, or, declaring none, counted as it streams and cut off.
 */
export class SharedHttpHandler extends NodeHttpHandler {
  override destroy(): void {
    // Owned by AwsClients, which closes it.
  }

  close(): void {
    super.destroy();
  }

  override async handle(
    request: Parameters<NodeHttpHandler['handle']>[0],
    options: HttpHandlerOptions = {},
  ): ReturnType<NodeHttpHandler['handle']> {
    const abortSignal = options.abortSignal ?? requestSignal(request);
    const { response } = await super.handle(request, { ...options, abortSignal });
    const body = response.body as Readable;
    const declared = response.headers['content-length'];
    if (Number(declared ?? 0) > maxAnswerBytes) {
      body.destroy();
      throw tooLarge();
    }
    // Node's HTTP parser ends a body at its declared length, so only an answer without one is counted: a stream
    // stage on every answer made discovery about 6 % slower.
    if (declared !== undefined) return { response };
    let received = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > maxAnswerBytes) done(tooLarge());
        else done(null, chunk);
      },
    });
    // A failure on either side (too large, the socket reset) ends both; the SDK sees it on `counted`.
    pipeline(body, counted, () => undefined);
    response.body = counted;
    return { response };
  }
}
