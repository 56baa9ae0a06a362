import { dropOldest } from './bounded-map.js';
import type { InternalIdentity } from './internal-tokens.js';

interface Entry {
  identity: InternalIdentity;
  /** `exp` and `nbf` in epoch seconds, as signed. */
  expiresAt: number;
  notBefore: number;
}

/**
 * Internal tokens whose signature, issuer and audience were already checked, by their exact text:
 * the same bytes verify the same way again, so only the time window is checked on a repeat. Time
 * is compared as jose compares it (whole seconds, with the verifier's clock tolerance). Bounded;
 * the oldest entry goes first. Rejections are never remembered.
 */
export class VerifiedTokens {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries: number,
    private readonly toleranceSeconds: number,
  ) {}

  /** The identity of a remembered token still inside its time window, else undefined. */
  get(token: string, nowMs: number): InternalIdentity | undefined {
    const entry = this.#entries.get(token);
    if (entry === undefined) return undefined;
    const now = Math.floor(nowMs / 1000);
    if (now - this.toleranceSeconds >= entry.expiresAt || now + this.toleranceSeconds < entry.notBefore) {
      // Let the full verification answer, with its own error.
      this.#entries.delete(token);
      return undefined;
    }
    const { identity } = entry;
    return { ...identity, roles: [...identity.roles] };
  }

  add(token: string, identity: InternalIdentity, expiresAt: number, notBefore: number | undefined): void {
    this.#entries.set(token, { identity: { ...identity, roles: [...identity.roles] }, expiresAt, notBefore: notBefore ?? -Infinity });
    dropOldest(this.#entries, this.maxEntries);
  }
}
