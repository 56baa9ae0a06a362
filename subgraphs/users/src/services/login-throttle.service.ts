import { createHash } from 'node:crypto';
import type { Cache } from '@shop/cache';

export interface LoginThrottleOptions {
  /** Failed logins for one e-mail from one IP before back-off starts. @default 5 */
  freeAttempts?: number;
  /**
   * Failed logins from one IP, whatever the e-mail, before back-off starts (credential stuffing
   * across many accounts). Higher, because many people can share one address. @default 50
   */
  freeAttemptsPerIp?: number;
  /** The first back-off; it doubles with each further failure. @default 1 */
  baseDelaySeconds?: number;
  /** The back-off never grows past this, so nobody is locked out for long. @default 300 */
  maxDelaySeconds?: number;
  /** Failures are counted in clock-aligned windows of this length. @default 900 */
  windowSeconds?: number;
}

export type LoginPermit =
  | { allowed: true; succeeded(): Promise<void>; failed(): Promise<void> }
  | { allowed: false; retryAfterSeconds: number };

/** Fixed-size cache keys: a long e-mail or forwarded address cannot grow the store. */
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest('base64url').slice(0, 22);

const positive = (name: string, value: number, min = 1) => {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`LoginThrottle: option "${name}" must be an integer >= ${min}, got ${value}`);
  return value;
};

/**
 * Throttles failed logins per (e-mail, IP) and per IP with exponential back-off, on the cache port
 * (Redis in services mode, so every users replica shares the counters).
 *
 * - The e-mail is keyed whether or not an account has it, so unknown and known e-mails are
 *   throttled alike and the answer reveals nothing.
 * - Keying the account on e-mail AND IP means an attacker elsewhere cannot lock the owner out;
 *   a success clears that pair's counter. The per-IP counter is never cleared by a success, or an
 *   attacker could reset it by signing into an account of their own.
 * - Blocked attempts are refused before the password is checked (no oracle during back-off).
 * - Once back-off has started, one attempt per step is let through; concurrent ones are refused,
 *   so a burst of parallel guesses does not get around the back-off.
 */
export class LoginThrottle {
  readonly #free: number;
  readonly #freePerIp: number;
  readonly #baseMs: number;
  readonly #maxMs: number;
  readonly #window: number;

  constructor(
    private readonly cache: Cache,
    options: LoginThrottleOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.#free = positive('freeAttempts', options.freeAttempts ?? 5);
    this.#freePerIp = positive('freeAttemptsPerIp', options.freeAttemptsPerIp ?? 50);
    this.#baseMs = positive('baseDelaySeconds', options.baseDelaySeconds ?? 1) * 1000;
    this.#maxMs = positive('maxDelaySeconds', options.maxDelaySeconds ?? 300) * 1000;
    this.#window = positive('windowSeconds', options.windowSeconds ?? 900);
    if (this.#maxMs < this.#baseMs) throw new RangeError('LoginThrottle: maxDelaySeconds must be >= baseDelaySeconds');
  }

  /** Whether a login for `email` from `clientIp` may be checked now. */
  async attempt(email: string, clientIp: string | undefined): Promise<LoginPermit> {
    const ip = digest(clientIp ?? 'unknown');
    const at = this.now();
    // Clock-aligned windows: every counter and ticket of a new window is a new key, so nothing
    // left over from the last one can refuse a login.
    const window = Math.floor(at / (this.#window * 1000));
    const pair = `login:a:${digest(email)}:${ip}`;
    const perIp = `login:i:${ip}`;
    const until = Math.max(await this.#blockedUntil(pair), await this.#blockedUntil(perIp));
    if (until > at) return this.#refuse(until - at);
    const failures = Number((await this.cache.get(`${pair}:f${window}`)) ?? 0);
    // Tickets per failure count: the first `free - failures` callers get through, then one per step.
    const ticket = await this.cache.increment(`${pair}:t${window}:${failures}`, this.#window);
    if (ticket > Math.max(1, this.#free - failures)) return this.#refuse(this.#baseMs);
    return {
      allowed: true,
      succeeded: async () => {
        const tickets = Array.from({ length: failures + 1 }, (_, step) => `${pair}:t${window}:${step}`);
        await Promise.all([`${pair}:f${window}`, `${pair}:b`, ...tickets].map((key) => this.cache.delete(key)));
      },
      failed: async () => {
        await Promise.all([this.#fail(pair, window, this.#free), this.#fail(perIp, window, this.#freePerIp)]);
      },
    };
  }

  async #fail(scope: string, window: number, free: number): Promise<void> {
    const failures = await this.cache.increment(`${scope}:f${window}`, this.#window);
    if (failures < free) return;
    const delayMs = Math.min(this.#maxMs, this.#baseMs * 2 ** Math.min(failures - free, 30));
    // The block's end is stored, not inferred from the key's TTL, so the answer is exact; the TTL
    // only lets the key go once it no longer matters.
    await this.cache.set(`${scope}:b`, String(this.now() + delayMs), delayMs / 1000 + 1);
  }

  async #blockedUntil(scope: string): Promise<number> {
    const value = Number(await this.cache.get(`${scope}:b`));
    return Number.isFinite(value) ? value : 0;
  }

  #refuse(ms: number): LoginPermit {
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
  }
}
