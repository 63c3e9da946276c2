import type { DeserializeMiddleware, HttpHandlerOptions, MetadataBearer, Pluggable } from '@smithy/types';

/**
 * The SDK builds a command's middleware chain once per client (`cacheMiddleware`) only for calls sent without
 * options, and every call here has one: the abort signal of its deadline. Built again on each call, the chain
 * cost about 0.15 ms of the extension's thread per call, some 30 ms of a 192-page discovery. So a client made by
 * `AwsClients` takes the signal off the options and carries it on the command's input to its HTTP request,
 * where `SharedHttpHandler` reads it: the request is aborted as before, and the chain is built once. (A retry
 * waiting out its backoff when the signal fires no longer wakes early: its attempt fails at once after the wait,
 * and the deadline has already ended the call for the caller.)
 */
const signalKey = Symbol('abortSignal');

interface CarriesSignal {
  [signalKey]?: AbortSignal;
}

/** The abort signal a request was sent with through a client of `sendWithCachedChains`. */
export function requestSignal(request: object): AbortSignal | undefined {
  return (request as CarriesSignal)[signalKey];
}

const signalToRequest: DeserializeMiddleware<object, MetadataBearer> = (next) => (args) => {
  const signal = (args.input as CarriesSignal)[signalKey];
  if (signal) (args.request as CarriesSignal)[signalKey] = signal;
  return next(args);
};

/** Innermost, so the request it marks is the one each attempt hands the HTTP handler. */
const carrySignal: Pluggable<object, MetadataBearer> = {
  applyToStack(stack) {
    stack.add(signalToRequest, { step: 'deserialize', priority: 'low', name: 'signalToRequest' });
  },
};

/** What of an SDK client this needs. */
export interface SdkClient {
  send(command: { input: object }, options?: HttpHandlerOptions): Promise<unknown>;
  middlewareStack: { use(pluggable: Pluggable<object, MetadataBearer>): void };
  destroy(): void;
}

/**
 * `client`, whose calls with no option but an abort signal go through its cached middleware chain. The input is
 * copied, not marked: one input object may be sent by two calls with different deadlines.
 */
export function sendWithCachedChains<T extends SdkClient>(client: T): T {
  client.middlewareStack.use(carrySignal);
  const send = client.send.bind(client);
  return Object.assign(client, {
    send(command: { input: object }, options?: HttpHandlerOptions): Promise<unknown> {
      if (!options || Object.keys(options).some((key) => key !== 'abortSignal')) return send(command, options);
      if (options.abortSignal) command.input = { ...command.input, [signalKey]: options.abortSignal };
      return send(command);
    },
  });
}
