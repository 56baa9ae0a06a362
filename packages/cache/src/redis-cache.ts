import { Redis } from 'ioredis';
import type { Cache } from './cache.js';
import { namespaceFor, ttlToMs } from './key-prefix.js';
import { quit } from './redis-quit.js';

export interface RedisCacheOptions {
  /** Server to use, e.g. `redis://127.0.0.1:6379/0`. */
  url: string;
  /**
   * Namespace for every key (stored as `${keyPrefix}:${key}`), so several subgraphs can share one
   * Redis without reading or evicting each other's data.
   */
  keyPrefix: string;
  /**
   * Upper bound on the bytes of the values written with `set` under this prefix (key and value
   * lengths plus a fixed overhead per entry), so a client cannot fill the server with persisted
   * queries: past it the oldest written entries are deleted. A value larger than a quarter of it
   * is not kept. Counters (`increment`) are small, expire, and are not counted.
   * @default 67_108_864 (64 MiB)
   */
  maxBytes?: number;
}

/**
 * INCR and the first-increment PEXPIRE must be one atomic step: if the process died between two
 * separate commands the counter would never expire and the caller would stay rate limited
 * forever. `PTTL == -1` (no expiry) also repairs a counter that lost its TTL.
 */
const INCREMENT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return count`;

/**
 * SET within a byte budget, atomically. Beside the value it keeps, under the namespace, the write
 * order (a sorted set by a sequence number), each entry's counted size and the total; past the
 * budget it deletes the oldest entries. An entry that expired by its TTL stays counted until it is
 * deleted this way, so the count is never below what the server holds.
 * KEYS: value key, order, sizes, total, sequence. ARGV: value, ttl ms ('' = none), max bytes, overhead.
 */
const SET_SCRIPT = `
local key, order, sizes, total = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local old = redis.call('HGET', sizes, key)
if old then
  redis.call('DECRBY', total, old)
  redis.call('HDEL', sizes, key)
  redis.call('ZREM', order, key)
end
local max = tonumber(ARGV[3])
local size = string.len(key) + string.len(ARGV[1]) + tonumber(ARGV[4])
if size * 4 > max then
  redis.call('DEL', key)
  return 0
end
if ARGV[2] == '' then redis.call('SET', key, ARGV[1]) else redis.call('SET', key, ARGV[1], 'PX', ARGV[2]) end
redis.call('ZADD', order, redis.call('INCR', KEYS[5]), key)
redis.call('HSET', sizes, key, size)
local held = redis.call('INCRBY', total, size)
while held > max do
  local oldest = redis.call('ZPOPMIN', order)
  if #oldest == 0 then break end
  held = redis.call('DECRBY', total, redis.call('HGET', sizes, oldest[1]))
  redis.call('HDEL', sizes, oldest[1])
  redis.call('DEL', oldest[1])
end
return 1`;

/** DEL that also takes the entry out of the byte budget. KEYS: value key, order, sizes, total. */
const DELETE_SCRIPT = `
local size = redis.call('HGET', KEYS[3], KEYS[1])
if size then
  redis.call('DECRBY', KEYS[4], size)
  redis.call('HDEL', KEYS[3], KEYS[1])
  redis.call('ZREM', KEYS[2], KEYS[1])
end
return redis.call('DEL', KEYS[1])`;

/** Counted per entry beside its key and value: the order and size records it needs. */
const ENTRY_OVERHEAD_BYTES = 64;

type ScriptedRedis = Redis & {
  shopCacheIncrement(key: string, ttlMs: number): Promise<number>;
  shopCacheSet(...args: string[]): Promise<number>;
  shopCacheDelete(...keys: string[]): Promise<number>;
};

/** `Cache` backed by Redis, for the services deployment. */
export class RedisCache implements Cache {
  readonly #namespace: string;
  readonly #client: ScriptedRedis;
  readonly #maxBytes: number;
  /** Order, sizes, total and sequence keys of the byte budget (a suffix no caller's key has). */
  readonly #budget: string[];
  #closing: Promise<void> | undefined;

  constructor(options: RedisCacheOptions) {
    this.#namespace = namespaceFor('RedisCache', options?.keyPrefix);
    if (typeof options.url !== 'string' || !/^rediss?:\/\//.test(options.url)) {
      throw new TypeError(`RedisCache: option "url" must be a redis:// or rediss:// URL, got ${JSON.stringify(options.url)}`);
    }
    const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    if (!Number.isInteger(maxBytes) || maxBytes < 1024) {
      throw new RangeError(`RedisCache: option "maxBytes" must be an integer >= 1024, got ${String(maxBytes)}`);
    }
    this.#maxBytes = maxBytes;
    this.#budget = ['order', 'sizes', 'total', 'seq'].map((part) => `${this.#namespace}\u0000budget:${part}`);
    const client = new Redis(options.url, { connectionName: `cache:${options.keyPrefix}` });
    // defineCommand sends EVALSHA and falls back to EVAL, so the script body is not resent per call.
    client.defineCommand('shopCacheIncrement', { numberOfKeys: 1, lua: INCREMENT_SCRIPT });
    client.defineCommand('shopCacheSet', { numberOfKeys: 5, lua: SET_SCRIPT });
    client.defineCommand('shopCacheDelete', { numberOfKeys: 4, lua: DELETE_SCRIPT });
    this.#client = client as ScriptedRedis;
  }

  async get(key: string): Promise<string | null> {
    return this.#client.get(this.#namespace + key);
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    const ttl = ttlSeconds === undefined ? '' : String(ttlToMs(ttlSeconds));
    const [order, sizes, total, seq] = this.#budget as [string, string, string, string];
    await this.#client.shopCacheSet(this.#namespace + key, order, sizes, total, seq, value, ttl, String(this.#maxBytes), String(ENTRY_OVERHEAD_BYTES));
  }

  async delete(key: string): Promise<boolean> {
    const [order, sizes, total] = this.#budget as [string, string, string];
    return (await this.#client.shopCacheDelete(this.#namespace + key, order, sizes, total)) > 0;
  }

  /** Bytes counted against `maxBytes` now (shared by every instance with this prefix). */
  async bytes(): Promise<number> {
    return Number((await this.#client.get(this.#budget[2]!)) ?? 0);
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    return this.#client.shopCacheIncrement(this.#namespace + key, ttlToMs(ttlSeconds));
  }

  close(): Promise<void> {
    this.#closing ??= quit(this.#client);
    return this.#closing;
  }
}
