import { dropOldest } from './bounded-map.js';

/**
 * Remembers minted internal tokens so the router's hot path reuses a signature instead of signing
 * per request. Bounded, because the key space (users x role sets x subgraphs) is unbounded.
 */
export class MintedTokenCache {
  readonly #entries = new Map<string, { token: Promise<string>; reuseUntil: number }>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** Returns the cached token for `key` if still reusable at `now`, else mints and caches one. */
  get(key: string, now: number, reuseForMs: number, mint: () => Promise<string>): Promise<string> {
    const cached = this.#entries.get(key);
    if (cached !== undefined && now < cached.reuseUntil) return cached.token;
    this.#entries.delete(key);
    // Cache the promise, not the string, so concurrent requests share one signing operation.
    const token = mint();
    const entry = { token, reuseUntil: now + reuseForMs };
    this.#entries.set(key, entry);
    token.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    dropOldest(this.#entries, this.#maxEntries);
    return token;
  }
}
