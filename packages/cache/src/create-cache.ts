import type { Cache } from './cache.js';
import { MemoryCache } from './memory-cache.js';
import { RedisCache } from './redis-cache.js';

/** In-process cache (embedded mode). */
export interface MemoryCacheConfig {
  kind: 'memory';
  /** Namespace for keys; see `MemoryCacheOptions.keyPrefix`. */
  keyPrefix: string;
  /** LRU bound; see `MemoryCacheOptions.maxEntries`. @default 10000 */
  maxEntries?: number;
  /** Byte bound; see `MemoryCacheOptions.maxBytes`. @default 64 MiB */
  maxBytes?: number;
}

/** Shared Redis cache (services mode). */
export interface RedisCacheConfig {
  kind: 'redis';
  /** e.g. `redis://redis:6379/0` */
  url: string;
  /** Namespace for keys; see `RedisCacheOptions.keyPrefix`. */
  keyPrefix: string;
  /** Byte bound of what `set` writes under the prefix; see `RedisCacheOptions.maxBytes`. @default 64 MiB */
  maxBytes?: number;
}

export type CacheConfig = MemoryCacheConfig | RedisCacheConfig;

/** Picks the adapter once, from validated configuration. */
export function createCache(config: CacheConfig): Cache {
  switch (config.kind) {
    case 'memory':
      return new MemoryCache({ keyPrefix: config.keyPrefix, maxEntries: config.maxEntries, maxBytes: config.maxBytes });
    case 'redis':
      return new RedisCache({ url: config.url, keyPrefix: config.keyPrefix, maxBytes: config.maxBytes });
    default:
      return unknownKind(config);
  }
}

function unknownKind(config: never): never {
  throw new TypeError(`createCache: unknown kind ${JSON.stringify((config as { kind?: unknown }).kind)}`);
}
