import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisCache } from '../src/redis-cache.js';
import { RedisPubSub } from '../src/redis-pubsub.js';
import { TEST_REDIS_URL } from './env.js';
import { assertRedisReachable, uniquePrefix } from './test-support.js';

// What the Redis adapters leave on the server, seen through a raw client: the parts of the
// design (key layout, shared SUBSCRIBE) that the adapter-agnostic contract cannot observe.
describe('Redis adapters on the server', () => {
  const raw = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  beforeEach(() => assertRedisReachable(TEST_REDIS_URL));
  afterAll(() => raw.disconnect());

  it('stores cache keys as `${keyPrefix}:${key}` with a millisecond TTL', async () => {
    const prefix = uniquePrefix();
    const cache = new RedisCache({ url: TEST_REDIS_URL, keyPrefix: prefix });
    await cache.set('k', 'v', 30);
    await cache.increment('n', 30);
    expect(await raw.get(`${prefix}:k`)).toBe('v');
    expect(await raw.pttl(`${prefix}:k`)).toBeGreaterThan(29_000);
    expect(await raw.pttl(`${prefix}:n`)).toBeGreaterThan(29_000);
    await cache.close();
  });

  it('holds one channel subscription while any listener remains and drops it with the last', async () => {
    const prefix = uniquePrefix();
    const pubsub = new RedisPubSub({ url: TEST_REDIS_URL, keyPrefix: prefix });
    const channel = `${prefix}:topic`;
    const subscribers = async (): Promise<unknown> => (await raw.pubsub('NUMSUB', channel))[1];
    const first = await pubsub.subscribe('topic', () => {});
    const second = await pubsub.subscribe('topic', () => {});
    expect(await subscribers()).toBe(1);
    await first();
    expect(await subscribers()).toBe(1);
    await second();
    expect(await subscribers()).toBe(0);
    await pubsub.close();
  });
});
