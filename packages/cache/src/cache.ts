/**
 * Cache port: a string key/value store with expiry, shared by every subgraph (APQ, response
 * fragments, rate-limit windows). Adapters: `MemoryCache` (embedded mode) and `RedisCache`.
 *
 * TTLs are in seconds and may be fractional; `undefined` means "never expires". Every adapter
 * rejects a TTL that is not a positive finite number, because a zero or negative TTL silently
 * means "keep forever" in some stores and "delete now" in others.
 */
export interface Cache {
  /** The stored value, or `null` when the key is missing or expired. */
  get(key: string): Promise<string | null>;
  /** Stores `value`, replacing any earlier value and its TTL. */
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /** Removes the key; resolves `true` when it existed. */
  delete(key: string): Promise<boolean>;
  /**
   * Atomically adds one and returns the new count. The counter expires `ttlSeconds` after its
   * FIRST increment (later increments do not extend it), which makes it a fixed rate-limit
   * window. Rejects when the key holds a non-integer value.
   */
  increment(key: string, ttlSeconds: number): Promise<number>;
  /** Releases connections; later calls reject. Safe to call twice. */
  close(): Promise<void>;
}
