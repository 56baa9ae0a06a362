import { describe, expect, it } from 'vitest';
import { createCache } from '../src/create-cache.js';
import { createPubSub } from '../src/create-pubsub.js';
import { MemoryCache } from '../src/memory-cache.js';
import { MemoryPubSub } from '../src/memory-pubsub.js';
import type { CacheConfig } from '../src/create-cache.js';

describe('createCache / createPubSub', () => {
  it('builds the adapter named by kind', () => {
    expect(createCache({ kind: 'memory', keyPrefix: 'users' })).toBeInstanceOf(MemoryCache);
    expect(createPubSub({ kind: 'memory', keyPrefix: 'users' })).toBeInstanceOf(MemoryPubSub);
  });

  it('fails loudly on an unknown kind or a bad redis url', () => {
    expect(() => createCache({ kind: 'memcached', keyPrefix: 'x' } as unknown as CacheConfig)).toThrow('createCache: unknown kind "memcached"');
    expect(() => createCache({ kind: 'redis', url: 'localhost:6379', keyPrefix: 'x' })).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => createPubSub({ kind: 'redis', url: '', keyPrefix: 'x' })).toThrow(/redis:\/\/ or rediss:\/\//);
  });
});
