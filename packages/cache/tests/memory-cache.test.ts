import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../src/memory-cache.js';

describe('MemoryCache (memory-only behaviour)', () => {
  it('evicts the least recently used entry past maxEntries', async () => {
    const cache = new MemoryCache({ keyPrefix: 'p', maxEntries: 2 });
    await cache.set('a', '1');
    await cache.set('b', '2');
    expect(await cache.get('a')).toBe('1'); // a is now more recent than b
    await cache.set('c', '3');
    expect(await cache.get('b')).toBeNull();
    expect(await cache.get('a')).toBe('1');
    expect(await cache.get('c')).toBe('3');
  });

  it('expires lazily on the injected clock', async () => {
    let now = 1_000_000;
    const cache = new MemoryCache({ keyPrefix: 'p', now: () => now });
    await cache.set('k', 'v', 10);
    expect(await cache.increment('n', 10)).toBe(1);
    now += 9_999;
    expect(await cache.get('k')).toBe('v');
    expect(await cache.increment('n', 10)).toBe(2);
    now += 1;
    expect(await cache.get('k')).toBeNull();
    expect(await cache.delete('k')).toBe(false);
    expect(await cache.increment('n', 10)).toBe(1);
  });

  it('refuses a maxEntries that is not a positive integer', () => {
    expect(() => new MemoryCache({ keyPrefix: 'p', maxEntries: 0 })).toThrow(/"maxEntries" must be a positive integer/);
    expect(() => new MemoryCache({ keyPrefix: 'p', maxEntries: 1.5 })).toThrow(/"maxEntries" must be a positive integer/);
  });
});
