import type { PubSub } from './pubsub.js';

export interface AsyncIteratorOptions {
  /**
   * Messages held for a consumer that is not calling `next()` fast enough. Past this the
   * iterator fails (next() rejects) and unsubscribes, rather than growing without bound or
   * silently dropping events a client relies on (e.g. an order status change).
   * @default 1000
   */
  maxBuffered?: number;
}

type Waiter = (result: IteratorResult<string>) => void;

/**
 * Subscribes to `topic` and exposes the messages as an async iterator, the shape a GraphQL
 * `Subscription` resolver returns. Resolves only once the subscription is active, so nothing
 * published afterwards is missed. `return()` (called by `for await` on break and by graphql-js
 * when the client goes away) unsubscribes. Written once over the port for every adapter.
 */
export async function asyncIterator(pubsub: PubSub, topic: string, options: AsyncIteratorOptions = {}): Promise<AsyncIterableIterator<string>> {
  const maxBuffered = options.maxBuffered ?? 1000;
  if (!Number.isInteger(maxBuffered) || maxBuffered < 1) {
    throw new RangeError(`asyncIterator: option "maxBuffered" must be a positive integer, got ${String(maxBuffered)}`);
  }
  const buffer: string[] = [];
  const waiters: Waiter[] = [];
  let finished = false;
  let failure: Error | undefined;

  const finish = async (): Promise<void> => {
    if (finished) return;
    finished = true;
    for (const waiter of waiters.splice(0)) waiter({ value: undefined, done: true });
    await unsubscribe();
  };

  const unsubscribe = await pubsub.subscribe(topic, (message) => {
    if (finished) return;
    const waiter = waiters.shift();
    if (waiter !== undefined) return waiter({ value: message, done: false });
    if (buffer.length >= maxBuffered) {
      failure = new Error(`asyncIterator: more than ${maxBuffered} unread messages on topic "${topic}"`);
      buffer.length = 0;
      void finish();
      return;
    }
    buffer.push(message);
  });

  const iterator: AsyncIterableIterator<string> = {
    next(): Promise<IteratorResult<string>> {
      const value = buffer.shift();
      if (value !== undefined) return Promise.resolve({ value, done: false });
      if (failure !== undefined) {
        const error = failure;
        failure = undefined;
        return Promise.reject(error);
      }
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise<IteratorResult<string>>((resolve) => waiters.push(resolve));
    },
    async return(): Promise<IteratorResult<string>> {
      buffer.length = 0;
      await finish();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
