import { describe, expect, it } from 'vitest';
import { MemoryCache } from '@shop/cache';
import { ResultCache } from './result-cache';

describe('search result cache', () => {
  const setup = (ttlSeconds = 30) => {
    let now = 1_000_000;
    const cache = new MemoryCache({ keyPrefix: 'search', now: () => now });
    return { results: new ResultCache(cache, ttlSeconds), cache, advance: (ms: number) => (now += ms) };
  };

  it('serves a stored result until its TTL ends', async () => {
    const { results, advance } = setup(30);
    const miss = await results.get('abc');
    expect(miss.value).toBeNull();
    await results.set(miss.key, 'page');
    expect(await results.get('abc')).toEqual({ key: miss.key, value: 'page' });
    advance(30_001);
    expect((await results.get('abc')).value).toBeNull();
  });

  it('never serves a result stored before an invalidation', async () => {
    const { results } = setup();
    const before = await results.get('abc');
    await results.set(before.key, 'old page');
    await results.invalidate();
    const after = await results.get('abc');
    expect(after.key).not.toBe(before.key);
    expect(after.value).toBeNull();
  });

  it('starts a new generation when the old one is gone, so no entry of an earlier one matches', async () => {
    const { results, cache } = setup();
    const before = await results.get('abc');
    await results.set(before.key, 'old page');
    await cache.delete('search:generation');
    expect((await results.get('abc')).value).toBeNull();
  });

  it('refuses a TTL that is not positive', () => {
    expect(() => setup(0)).toThrow(/cacheTtlSeconds/);
  });
});
