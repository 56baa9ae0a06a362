import { randomUUID } from 'node:crypto';
import type { Cache } from '@shop/cache';

const GENERATION_KEY = 'search:generation';

/**
 * Search results in the cache port, never served stale after an index change.
 *
 * Every entry's key embeds the current *generation* of the index; every committed index change
 * replaces the generation, so all earlier entries become unreachable at once (they expire on
 * their own TTL) without listing or deleting keys. The generation is a random token rather than
 * an incrementing number: a counter can restart (its key expires or is evicted) and then reuse a
 * number whose entries are still alive, while a fresh UUID never repeats, so a reset can only
 * cause misses. The bump happens after the change commits, so a search that reads the new
 * generation also reads the new data; a search that raced the change stores its result under
 * the old generation, where nobody looks any more.
 */
export class ResultCache {
  constructor(
    private readonly cache: Cache,
    private readonly ttlSeconds: number,
  ) {
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new RangeError(`search: cacheTtlSeconds must be a positive number, got ${ttlSeconds}`);
  }

  /** Looks up a search by its fingerprint; returns the value and the key to store a miss under. */
  async get(fingerprint: string): Promise<{ key: string; value: string | null }> {
    const key = `search:result:${await this.generation()}:${fingerprint}`;
    return { key, value: await this.cache.get(key) };
  }

  set(key: string, value: string): Promise<void> {
    return this.cache.set(key, value, this.ttlSeconds);
  }

  /** Called after every committed index change. */
  async invalidate(): Promise<void> {
    await this.cache.set(GENERATION_KEY, randomUUID());
  }

  private async generation(): Promise<string> {
    const current = await this.cache.get(GENERATION_KEY);
    if (current !== null) return current;
    // Missing (first start, or evicted): a new token, so no entry of an earlier era can match.
    const fresh = randomUUID();
    await this.cache.set(GENERATION_KEY, fresh);
    return fresh;
  }
}
