import type { Cache } from './cache.js';

/**
 * Structural copy of Apollo's `KeyValueCache<string>` (`@apollo/utils.keyvaluecache`), so the
 * router can hand our cache to Apollo Server (APQ) without this package depending on Apollo.
 */
export interface KeyValueCacheLike {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/**
 * Adapts a `Cache` to Apollo's `KeyValueCache` shape. Apollo uses `undefined` for a miss and
 * treats a missing, `null` or `0` ttl as "no expiry" (as its own `InMemoryLRUCache` does).
 */
export function toKeyValueCache(cache: Cache): KeyValueCacheLike {
  return {
    async get(key) {
      return (await cache.get(key)) ?? undefined;
    },
    async set(key, value, options) {
      const ttl = options?.ttl;
      await cache.set(key, value, ttl ? ttl : undefined);
    },
    delete(key) {
      return cache.delete(key);
    },
  };
}
