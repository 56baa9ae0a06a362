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

  it('holds at most maxBytes, evicting the least recently used entries, and never keeps a value over a quarter of it', async () => {
    const cache = new MemoryCache({ keyPrefix: 'p', maxBytes: 10_000 });
    const value = 'x'.repeat(1_000); // 2 * (len("p:" + key) + 1000) + 64 bytes each
    for (let i = 0; i < 20; i++) await cache.set(`k${i}`, value);
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    // Each entry costs 2 * (5 + 1000) + 64 = 2074 bytes (k10..k19): four fit, the newest four.
    expect(await Promise.all(Array.from({ length: 20 }, (_, i) => cache.get(`k${i}`)))).toEqual([
      ...Array.from({ length: 16 }, () => null),
      ...Array.from({ length: 4 }, () => value),
    ]);
    await cache.set('huge', 'y'.repeat(1_300));
    expect(await cache.get('huge')).toBeNull();
    expect(await cache.get('k19')).toBe(value);
    // Replacing a key with a value too large to keep removes the old one and frees its bytes.
    const before = cache.bytes;
    await cache.set('k19', 'y'.repeat(1_300));
    expect(await cache.get('k19')).toBeNull();
    expect(cache.bytes).toBe(before - (2 * ('p:k19'.length + 1_000) + 64));
    await cache.delete('k18');
    await cache.close();
    expect(cache.bytes).toBe(0);
  });

  it('refuses a maxBytes below 1024', () => {
    expect(() => new MemoryCache({ keyPrefix: 'p', maxBytes: 100 })).toThrow(/"maxBytes" must be an integer >= 1024/);
  });
});
