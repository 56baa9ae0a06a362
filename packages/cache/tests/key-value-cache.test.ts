import { describe, expect, it } from 'vitest';
import { toKeyValueCache } from '../src/key-value-cache.js';
import { MemoryCache } from '../src/memory-cache.js';

describe('toKeyValueCache (Apollo KeyValueCache shape)', () => {
  it('maps misses to undefined, honours { ttl } and treats null/0 ttl as no expiry', async () => {
    let now = 0;
    const kv = toKeyValueCache(new MemoryCache({ keyPrefix: 'apq', now: () => now }));
    expect(await kv.get('missing')).toBeUndefined();
    await kv.set('short', 'q1', { ttl: 5 });
    await kv.set('null-ttl', 'q2', { ttl: null });
    await kv.set('zero-ttl', 'q3', { ttl: 0 });
    await kv.set('no-options', 'q4');
    now += 5_000;
    expect(await kv.get('short')).toBeUndefined();
    expect(await kv.get('null-ttl')).toBe('q2');
    expect(await kv.get('zero-ttl')).toBe('q3');
    expect(await kv.get('no-options')).toBe('q4');
    expect(await kv.delete('no-options')).toBe(true);
    expect(await kv.get('no-options')).toBeUndefined();
  });
});
