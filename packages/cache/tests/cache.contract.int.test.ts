import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '@shop/testkit';
import type { Cache } from '../src/cache.js';
import { MemoryCache } from '../src/memory-cache.js';
import { RedisCache } from '../src/redis-cache.js';
import { TEST_REDIS_URL } from './env.js';
import { assertRedisReachable, uniquePrefix } from './test-support.js';

interface CacheAdapterCase {
  name: string;
  create: (keyPrefix: string, maxBytes?: number) => Cache;
  /** Whether two instances with the same prefix see the same keys (a server vs. a heap). */
  sharedStore: boolean;
  ready: () => Promise<void>;
}

const adapters: CacheAdapterCase[] = [
  {
    name: 'memory',
    create: (keyPrefix, maxBytes) => new MemoryCache({ keyPrefix, ...(maxBytes ? { maxBytes } : {}) }),
    sharedStore: false,
    ready: async () => {},
  },
  {
    name: 'redis',
    create: (keyPrefix, maxBytes) => new RedisCache({ url: TEST_REDIS_URL, keyPrefix, ...(maxBytes ? { maxBytes } : {}) }),
    sharedStore: true,
    ready: () => assertRedisReachable(TEST_REDIS_URL),
  },
];

describe.each(adapters)('Cache contract: $name', ({ create, sharedStore, ready }) => {
  const opened: Cache[] = [];
  const open = (keyPrefix = uniquePrefix(), maxBytes?: number): Cache => {
    const cache = create(keyPrefix, maxBytes);
    opened.push(cache);
    return cache;
  };
  beforeEach(ready);
  afterAll(() => Promise.all(opened.map((cache) => cache.close())));

  it('refuses a missing, empty or ambiguous keyPrefix', () => {
    expect(() => create(undefined as unknown as string)).toThrow(/"keyPrefix" is required/);
    expect(() => create('')).toThrow(/"keyPrefix" is required/);
    expect(() => create('orders:v2')).toThrow(/"keyPrefix" must match/);
  });

  it('gets, sets, overwrites and deletes', async () => {
    const cache = open();
    expect(await cache.get('k')).toBeNull();
    await cache.set('k', 'v1');
    expect(await cache.get('k')).toBe('v1');
    await cache.set('k', 'v2');
    expect(await cache.get('k')).toBe('v2');
    await cache.set('empty', '');
    expect(await cache.get('empty')).toBe('');
    expect(await cache.delete('k')).toBe(true);
    expect(await cache.get('k')).toBeNull();
    expect(await cache.delete('k')).toBe(false);
  });

  it('expires values and counters after their TTL; counters are not extended by later increments', async () => {
    const cache = open();
    await cache.set('short', 'v', 0.5);
    await cache.set('forever', 'v');
    await cache.set('ttl-cleared', 'old', 0.5);
    await cache.set('ttl-cleared', 'new');
    expect(await cache.increment('window', 1)).toBe(1);
    expect(await cache.get('short')).toBe('v');
    // The store's own clock is the referee, not the test's: once `short` is gone, at least 500 ms
    // have passed for the store, so a marker set then with 750 ms outlives a window that keeps its
    // first TTL (gone 1 000 ms after the first increment, >= 250 ms before the marker) and dies
    // before one the second increment extended (>= 1 000 ms after it, ~250 ms after the marker).
    await eventually(async () => (await cache.get('short')) === null, { timeoutMs: 3000, everyMs: 20 });
    expect(await cache.increment('window', 1)).toBe(2);
    await cache.set('marker', 'v', 0.75);

    await eventually(async () => (await cache.get('window')) === null, { timeoutMs: 3000, everyMs: 20 });
    expect(await cache.get('marker')).toBe('v');
    expect(await cache.get('forever')).toBe('v');
    expect(await cache.get('ttl-cleared')).toBe('new');
    expect(await cache.increment('window', 0.6)).toBe(1);
  });

  it('counts exactly 100 under 100 concurrent increments', async () => {
    const cache = open();
    const results = await Promise.all(Array.from({ length: 100 }, () => cache.increment('hits', 60)));
    expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(await cache.get('hits')).toBe('100');
  });

  it('rejects incrementing a non-integer value and invalid TTLs', async () => {
    const cache = open();
    await cache.set('text', 'abc');
    await expect(cache.increment('text', 10)).rejects.toThrow();
    expect(await cache.get('text')).toBe('abc');
    await expect(cache.set('k', 'v', 0)).rejects.toThrow(RangeError);
    await expect(cache.set('k', 'v', -1)).rejects.toThrow(RangeError);
    await expect(cache.increment('k', Number.NaN)).rejects.toThrow(RangeError);
    expect(await cache.get('k')).toBeNull();
  });

  it('isolates caches with different prefixes', async () => {
    const id = uniquePrefix('iso');
    const a = open(`${id}-a`);
    const b = open(`${id}-b`);
    await a.set('k', 'from-a');
    expect(await b.get('k')).toBeNull();
    await b.set('k', 'from-b');
    expect(await b.increment('n', 60)).toBe(1);
    expect(await a.delete('k')).toBe(true);
    expect(await b.get('k')).toBe('from-b');
    expect(await a.increment('n', 60)).toBe(1);

    const sameA = open(`${id}-a`);
    await a.set('shared', 'x');
    expect(await sameA.get('shared')).toBe(sharedStore ? 'x' : null);
  });

  it('rejects calls after close and tolerates closing twice', async () => {
    const cache = open();
    await cache.close();
    await cache.close();
    await expect(cache.get('k')).rejects.toThrow();
    await expect(cache.set('k', 'v')).rejects.toThrow();
  });

  it('holds values within maxBytes: the oldest written go first, one over a quarter of it is not kept', async () => {
    const cache = open(uniquePrefix(), 10_000);
    const value = (i: number) => `${i}:`.padEnd(1_000, 'x');
    for (let i = 0; i < 40; i++) await cache.set(`k${i}`, value(i), 60);
    const held = await Promise.all(Array.from({ length: 40 }, (_, i) => cache.get(`k${i}`)));
    expect(held.slice(36)).toEqual([36, 37, 38, 39].map(value));
    expect(held.slice(0, 30)).toEqual(Array.from({ length: 30 }, () => null));

    await cache.set('huge', 'h'.repeat(3_000));
    expect(await cache.get('huge')).toBeNull();
    expect(await cache.get('k39')).toBe(value(39));
    // Overwriting a kept key with a value too large drops the old value rather than keeping it stale.
    await cache.set('k39', 'h'.repeat(3_000));
    expect(await cache.get('k39')).toBeNull();
    expect(await cache.delete('k38')).toBe(true);
    await cache.set('k38', 'again');
    expect(await cache.get('k38')).toBe('again');
  });

  it('refuses a maxBytes below 1024', () => {
    expect(() => create(uniquePrefix(), 100)).toThrow(/"maxBytes" must be an integer >= 1024/);
  });
});
