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
  /** Names the counters, so another throttled action (password reset requests) counts apart from logins. @default 'login' */
  keyPrefix?: string;
}

export type LoginPermit = { allowed: true; succeeded(): Promise<void>; failed(): Promise<void> } | { allowed: false; retryAfterSeconds: number };

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
 * - Attempts are admitted when they start: a burst of concurrent guesses gets no more password
 *   checks than a sequence (the free attempts, then one per back-off step).
 */
export class LoginThrottle {
  readonly #free: number;
  readonly #freePerIp: number;
  readonly #baseMs: number;
  readonly #maxMs: number;
  readonly #window: number;
  readonly #prefix: string;

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
    this.#prefix = options.keyPrefix ?? 'login';
    if (this.#maxMs < this.#baseMs) throw new RangeError('LoginThrottle: maxDelaySeconds must be >= baseDelaySeconds');
  }

  /** Whether a login for `email` from `clientIp` may be checked now. */
  async attempt(email: string, clientIp: string | undefined): Promise<LoginPermit> {
    const ip = digest(clientIp ?? 'unknown');
    const at = this.now();
    // Clock-aligned windows: every counter and ticket of a new window is a new key, so nothing
    // left over from the last one can refuse a login.
    const window = Math.floor(at / (this.#window * 1000));
    const pair = `${this.#prefix}:a:${digest(email)}:${ip}`;
    const perIp = `${this.#prefix}:i:${ip}`;
    const until = Math.max(await this.#blockedUntil(pair), await this.#blockedUntil(perIp));
    if (until > at) return this.#refuse(until - at);
    if (!(await this.#admit(pair, this.#free, window))) return this.#refuse(this.#baseMs);
    if (!(await this.#admit(perIp, this.#freePerIp, window))) {
      await this.#release(pair, window);
      return this.#refuse(this.#baseMs);
    }
    return {
      allowed: true,
      succeeded: async () => {
        const failures = Number((await this.cache.get(`${pair}:f${window}`)) ?? 0);
        const steps = Array.from({ length: failures + 1 }, (_, step) => `${pair}:t${window}:${step}`);
        const keys = [`${pair}:f${window}`, `${pair}:n${window}`, `${pair}:s${window}`, `${pair}:b`, ...steps];
        await Promise.all([...keys.map((key) => this.cache.delete(key)), this.#release(perIp, window)]);
      },
      failed: async () => {
        await Promise.all([this.#fail(pair, window, this.#free), this.#fail(perIp, window, this.#freePerIp)]);
      },
    };
  }

  /**
   * Admits at most `free` attempts of a window that have not succeeded, counted when they start,
   * so a burst of concurrent guesses gets no more password checks than a sequence of them. Past
   * that, only one attempt per back-off step is admitted once the step has begun (the block has
   * ended); while the free attempts are still in flight (failures < free), others are refused.
   */
  async #admit(scope: string, free: number, window: number): Promise<boolean> {
    const started = await this.cache.increment(`${scope}:n${window}`, this.#window);
    const released = Number((await this.cache.get(`${scope}:s${window}`)) ?? 0);
    if (started - released <= free) return true;
    const failures = Number((await this.cache.get(`${scope}:f${window}`)) ?? 0);
    if (failures < free) return false;
    return (await this.cache.increment(`${scope}:t${window}:${failures}`, this.#window)) === 1;
  }

  /** An admitted attempt that did not fail (it succeeded, or another scope refused it) frees its place. */
  async #release(scope: string, window: number): Promise<void> {
    await this.cache.increment(`${scope}:s${window}`, this.#window);
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
