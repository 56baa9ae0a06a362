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

type ScriptedRedis = Redis & {
  shopCacheIncrement(key: string, ttlMs: number): Promise<number>;
};

/** `Cache` backed by Redis, for the services deployment. */
export class RedisCache implements Cache {
  readonly #namespace: string;
  readonly #client: ScriptedRedis;
  #closing: Promise<void> | undefined;

  constructor(options: RedisCacheOptions) {
    this.#namespace = namespaceFor('RedisCache', options?.keyPrefix);
    if (typeof options.url !== 'string' || !/^rediss?:\/\//.test(options.url)) {
      throw new TypeError(`RedisCache: option "url" must be a redis:// or rediss:// URL, got ${JSON.stringify(options.url)}`);
    }
    const client = new Redis(options.url, { connectionName: `cache:${options.keyPrefix}` });
    // defineCommand sends EVALSHA and falls back to EVAL, so the script body is not resent per call.
    client.defineCommand('shopCacheIncrement', { numberOfKeys: 1, lua: INCREMENT_SCRIPT });
    this.#client = client as ScriptedRedis;
  }

  async get(key: string): Promise<string | null> {
    return this.#client.get(this.#namespace + key);
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    const fullKey = this.#namespace + key;
    if (ttlSeconds === undefined) await this.#client.set(fullKey, value);
    else await this.#client.set(fullKey, value, 'PX', ttlToMs(ttlSeconds));
  }

  async delete(key: string): Promise<boolean> {
    return (await this.#client.del(this.#namespace + key)) > 0;
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    return this.#client.shopCacheIncrement(this.#namespace + key, ttlToMs(ttlSeconds));
  }

  close(): Promise<void> {
    this.#closing ??= quit(this.#client);
    return this.#closing;
  }
}
