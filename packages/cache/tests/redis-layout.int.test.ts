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

  it('counts what set writes under a prefix against maxBytes, so a flood leaves the server at the budget', async () => {
    const prefix = uniquePrefix();
    const cache = new RedisCache({ url: TEST_REDIS_URL, keyPrefix: prefix, maxBytes: 100_000 });
    const other = new RedisCache({ url: TEST_REDIS_URL, keyPrefix: prefix, maxBytes: 100_000 });
    // Two routers sharing one Redis: 2 x 500 writes of 2 KB would be 2 MB unbounded.
    await Promise.all(
      [cache, other].map(async (writer, w) => {
        for (let i = 0; i < 500; i++) await writer.set(`apq:${w}:${i}`, 'q'.repeat(2_000), 3_600);
      }),
    );
    const keys = await raw.keys(`${prefix}:apq:*`);
    const stored = (await Promise.all(keys.map((key) => raw.strlen(key)))).reduce((sum, length) => sum + length, 0);
    expect(stored).toBeLessThanOrEqual(100_000);
    expect(keys.length).toBe(Math.floor(100_000 / (2_000 + `${prefix}:apq:0:000`.length + 64)));
    expect(await cache.bytes()).toBeLessThanOrEqual(100_000);
    expect(await raw.zcard(`${prefix}:\u0000budget:order`)).toBe(keys.length);
    await Promise.all([cache.close(), other.close()]);
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
