import type { Cache } from './cache.js';
import { namespaceFor, ttlToMs } from './key-prefix.js';

export interface MemoryCacheOptions {
  /**
   * Namespace for every key. Required for parity with the Redis adapter, so configuration that
   * works in embedded mode also works when the cache becomes shared.
   */
  keyPrefix: string;
  /**
   * Upper bound on stored entries; past it the least recently used entry is evicted, so an
   * unbounded key space (APQ hashes, per-IP counters) cannot exhaust the heap.
   * @default 10000
   */
  maxEntries?: number;
  /**
   * Upper bound on the bytes held (keys and values as UTF-16, plus a fixed overhead per entry);
   * past it the least recently used entries are evicted, so a few huge values (padded APQ
   * documents) cannot exhaust the heap either. A value larger than a quarter of it is not kept:
   * one write must not empty the whole cache.
   * @default 67_108_864 (64 MiB)
   */
  maxBytes?: number;
  /**
   * Clock in epoch milliseconds. Injectable so tests can expire entries without sleeping.
   * @default Date.now
   */
  now?: () => number;
}

interface Entry {
  value: string;
  /** Epoch ms after which the entry is gone; `undefined` = never. */
  expiresAt: number | undefined;
}

/** In-process `Cache` for embedded mode and unit tests: lazy expiry plus LRU bound. */
export class MemoryCache implements Cache {
  readonly #namespace: string;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  #bytes = 0;
  readonly #now: () => number;
  // A Map iterates in insertion order; re-inserting on access makes the first key the LRU one.
  readonly #entries = new Map<string, Entry>();
  #closed = false;

  constructor(options: MemoryCacheOptions) {
    this.#namespace = namespaceFor('MemoryCache', options?.keyPrefix);
    const maxEntries = options.maxEntries ?? 10_000;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`MemoryCache: option "maxEntries" must be a positive integer, got ${String(maxEntries)}`);
    }
    this.#maxEntries = maxEntries;
    const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    if (!Number.isInteger(maxBytes) || maxBytes < 1024) {
      throw new RangeError(`MemoryCache: option "maxBytes" must be an integer >= 1024, got ${String(maxBytes)}`);
    }
    this.#maxBytes = maxBytes;
    this.#now = options.now ?? Date.now;
  }

  async get(key: string): Promise<string | null> {
    return this.#read(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    this.#assertOpen();
    const expiresAt = ttlSeconds === undefined ? undefined : this.#now() + ttlToMs(ttlSeconds);
    this.#write(key, { value, expiresAt });
  }

  async delete(key: string): Promise<boolean> {
    this.#assertOpen();
    const live = this.#read(key) !== undefined;
    this.#remove(this.#namespace + key);
    return live;
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    this.#assertOpen();
    const ttlMs = ttlToMs(ttlSeconds);
    const entry = this.#read(key);
    if (entry === undefined) {
      this.#write(key, { value: '1', expiresAt: this.#now() + ttlMs });
      return 1;
    }
    if (!/^-?\d+$/.test(entry.value)) {
      throw new TypeError(`MemoryCache: cannot increment "${key}": value is not an integer`);
    }
    const next = Number(entry.value) + 1;
    // Same rule as the Redis script: a counter that somehow has no expiry gets one.
    this.#write(key, { value: String(next), expiresAt: entry.expiresAt ?? this.#now() + ttlMs });
    return next;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#entries.clear();
    this.#bytes = 0;
  }

  #read(key: string): Entry | undefined {
    this.#assertOpen();
    const fullKey = this.#namespace + key;
    const entry = this.#entries.get(fullKey);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= this.#now()) {
      this.#remove(fullKey);
      return undefined;
    }
    this.#entries.delete(fullKey);
    this.#entries.set(fullKey, entry);
    return entry;
  }

  #write(key: string, entry: Entry): void {
    const fullKey = this.#namespace + key;
    this.#remove(fullKey);
    const size = sizeOf(fullKey, entry.value);
    if (size > this.#maxBytes / 4) return;
    this.#entries.set(fullKey, entry);
    this.#bytes += size;
    while (this.#entries.size > this.#maxEntries || this.#bytes > this.#maxBytes) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#remove(oldest.value);
    }
  }

  #remove(fullKey: string): void {
    const entry = this.#entries.get(fullKey);
    if (entry === undefined) return;
    this.#entries.delete(fullKey);
    this.#bytes -= sizeOf(fullKey, entry.value);
  }

  /** Bytes held now, as counted against `maxBytes`. */
  get bytes(): number {
    return this.#bytes;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('MemoryCache: the cache is closed');
  }
}

/** What an entry costs: its key and value as UTF-16 plus the Map slot and entry object. */
const sizeOf = (fullKey: string, value: string): number => 2 * (fullKey.length + value.length) + 64;
