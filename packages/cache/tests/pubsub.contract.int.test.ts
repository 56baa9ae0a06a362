import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '@shop/testkit';
import { asyncIterator } from '../src/async-iterator.js';
import { MemoryPubSub } from '../src/memory-pubsub.js';
import type { ListenerErrorHandler, PubSub } from '../src/pubsub.js';
import { RedisPubSub } from '../src/redis-pubsub.js';
import { TEST_REDIS_URL } from './env.js';
import { assertRedisReachable, quickly, uniquePrefix } from './test-support.js';

interface PubSubAdapterCase {
  name: string;
  create: (keyPrefix: string, onListenerError?: ListenerErrorHandler) => PubSub;
  /** Whether two instances with the same prefix reach each other (a server vs. a heap). */
  sharedBus: boolean;
  ready: () => Promise<void>;
}

const adapters: PubSubAdapterCase[] = [
  {
    name: 'memory',
    create: (keyPrefix, onListenerError) => new MemoryPubSub({ keyPrefix, onListenerError }),
    sharedBus: false,
    ready: async () => {},
  },
  {
    name: 'redis',
    create: (keyPrefix, onListenerError) => new RedisPubSub({ url: TEST_REDIS_URL, keyPrefix, onListenerError }),
    sharedBus: true,
    ready: () => assertRedisReachable(TEST_REDIS_URL),
  },
];

/** Records what a listener receives. */
function inbox(): { messages: string[]; listener: (message: string) => void } {
  const messages: string[] = [];
  return { messages, listener: (message) => messages.push(message) };
}

/** Wraps a PubSub to count how often the unsubscribe functions it hands out are called. */
function countingUnsubscribes(inner: PubSub): { pubsub: PubSub; count: () => number } {
  let count = 0;
  const pubsub: PubSub = {
    publish: (topic, message) => inner.publish(topic, message),
    close: () => inner.close(),
    subscribe: async (topic, onMessage) => {
      const unsubscribe = await inner.subscribe(topic, onMessage);
      return async () => {
        count += 1;
        await unsubscribe();
      };
    },
  };
  return { pubsub, count: () => count };
}

describe.each(adapters)('PubSub contract: $name', ({ create, sharedBus, ready }) => {
  const opened: PubSub[] = [];
  const open = (keyPrefix = uniquePrefix(), onListenerError?: ListenerErrorHandler): PubSub => {
    const pubsub = create(keyPrefix, onListenerError);
    opened.push(pubsub);
    return pubsub;
  };
  beforeEach(ready);
  afterAll(() => Promise.all(opened.map((pubsub) => pubsub.close())));

  it('refuses a missing, empty or ambiguous keyPrefix', () => {
    expect(() => create(undefined as unknown as string)).toThrow(/"keyPrefix" is required/);
    expect(() => create('')).toThrow(/"keyPrefix" is required/);
    expect(() => create('orders:v2')).toThrow(/"keyPrefix" must match/);
  });

  it('delivers 50 messages in publish order', async () => {
    const pubsub = open();
    const box = inbox();
    await pubsub.subscribe('orders', box.listener);
    const sent = Array.from({ length: 50 }, (_, i) => `m${i}`);
    await Promise.all(sent.map((message) => pubsub.publish('orders', message)));
    await eventually(() => box.messages.length >= 50, quickly);
    expect(box.messages).toEqual(sent);
  });

  it('delivers to every subscriber; unsubscribing stops delivery to that one only', async () => {
    const pubsub = open();
    const [a, b, control] = [inbox(), inbox(), inbox()];
    const unsubscribeA = await pubsub.subscribe('t', a.listener);
    const unsubscribeB = await pubsub.subscribe('t', b.listener);
    await pubsub.subscribe('control', control.listener);
    await pubsub.publish('t', 'before');
    await eventually(() => a.messages.length === 1 && b.messages.length === 1, quickly);

    await unsubscribeA();
    await unsubscribeA();
    await pubsub.publish('t', 'after');
    await eventually(() => b.messages.length === 2, quickly);
    expect(a.messages).toEqual(['before']);
    expect(b.messages).toEqual(['before', 'after']);

    await unsubscribeB();
    await pubsub.publish('t', 'nobody');
    // Same publisher, same subscriber connection: once the sentinel arrives, 'nobody' would have too.
    await pubsub.publish('control', 'sentinel');
    await eventually(() => control.messages.length === 1, quickly);
    expect(b.messages).toEqual(['before', 'after']);
  });

  it('keeps topics apart', async () => {
    const pubsub = open();
    const [a, b] = [inbox(), inbox()];
    await pubsub.subscribe('a', a.listener);
    await pubsub.subscribe('b', b.listener);
    await pubsub.publish('a', 'for-a');
    await pubsub.publish('b', 'for-b');
    await eventually(() => a.messages.length + b.messages.length === 2, quickly);
    expect(a.messages).toEqual(['for-a']);
    expect(b.messages).toEqual(['for-b']);
  });

  it('keeps prefixes apart on the same server', async () => {
    const id = uniquePrefix('iso');
    const [one, two, sameAsOne] = [open(`${id}-1`), open(`${id}-2`), open(`${id}-1`)];
    const [boxOne, boxTwo, boxSame] = [inbox(), inbox(), inbox()];
    await one.subscribe('shared', boxOne.listener);
    await two.subscribe('shared', boxTwo.listener);
    await sameAsOne.subscribe('shared', boxSame.listener);
    await two.publish('shared', 'from-2');
    await one.publish('shared', 'from-1');
    await eventually(() => boxOne.messages.length === 1 && boxTwo.messages.length === 1, quickly);
    expect(boxOne.messages).toEqual(['from-1']);
    expect(boxTwo.messages).toEqual(['from-2']);
    if (sharedBus) await eventually(() => boxSame.messages.length === 1, quickly);
    expect(boxSame.messages).toEqual(sharedBus ? ['from-1'] : []);
  });

  it('reports a throwing listener and still delivers to the others', async () => {
    const reported: Array<[string, string]> = [];
    const pubsub = open(uniquePrefix(), (error, topic) => reported.push([topic, (error as Error).message]));
    const box = inbox();
    await pubsub.subscribe('t', () => {
      throw new Error('boom');
    });
    await pubsub.subscribe('t', box.listener);
    await pubsub.publish('t', 'x');
    await eventually(() => box.messages.length === 1, quickly);
    expect(reported).toEqual([['t', 'boom']]);
  });

  it('asyncIterator yields messages in order and return() unsubscribes and ends pending reads', async () => {
    const { pubsub, count } = countingUnsubscribes(open());
    const iterator = await asyncIterator(pubsub, 'events');
    await pubsub.publish('events', 'one');
    await pubsub.publish('events', 'two');
    expect(await iterator.next()).toEqual({ value: 'one', done: false });
    expect(await iterator.next()).toEqual({ value: 'two', done: false });
    const pending = iterator.next();
    expect(await iterator.return?.()).toEqual({ value: undefined, done: true });
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(count()).toBe(1);
    await pubsub.publish('events', 'three');
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    await iterator.return?.();
    expect(count()).toBe(1);
  });

  it('asyncIterator unsubscribes when for-await breaks', async () => {
    const { pubsub, count } = countingUnsubscribes(open());
    const iterator = await asyncIterator(pubsub, 'events');
    await Promise.all(['a', 'b', 'c'].map((message) => pubsub.publish('events', message)));
    const seen: string[] = [];
    for await (const message of iterator) {
      seen.push(message);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['a', 'b']);
    expect(count()).toBe(1);
  });

  it('rejects calls after close and tolerates closing twice', async () => {
    const pubsub = open();
    await pubsub.close();
    await pubsub.close();
    await expect(pubsub.publish('t', 'x')).rejects.toThrow(/closed/);
    await expect(pubsub.subscribe('t', () => {})).rejects.toThrow(/closed/);
  });
});
