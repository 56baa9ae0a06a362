import type { IncomingMessage } from 'node:http';
import type { Cache } from '@shop/cache';
import type { ClientIdentity } from './client-identity';
import type { RateLimitOptions } from './router-options';

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  check(req: IncomingMessage, identity: ClientIdentity | null): Promise<RateLimitDecision>;
}

/** The connecting address, or with `trustProxy` the first `x-forwarded-for` entry the proxy set. */
export function clientIpOf(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const first = trustProxy && typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  return first || req.socket.remoteAddress || 'unknown';
}

/** The caller: the signed-in user, else the connecting address (or the proxy's forwarded one). */
export function clientKey(req: IncomingMessage, identity: ClientIdentity | null, trustProxy: boolean): string {
  if (identity) return `user:${identity.userId}`;
  return `ip:${clientIpOf(req, trustProxy)}`;
}

/**
 * Fixed windows aligned to the clock (window n covers [n*w, (n+1)*w) seconds), counted with the
 * cache port's atomic `increment`, so every router sharing a Redis enforces one budget and
 * Retry-After is exact: the seconds left in the current window.
 */
export function createRateLimiter(cache: Cache, options: RateLimitOptions, now: () => number = Date.now): RateLimiter {
  const windowMs = (options.windowSeconds ?? 60) * 1000;
  if (!Number.isInteger(options.max) || options.max < 0) throw new RangeError(`rateLimit.max must be a non-negative integer, got ${options.max}`);
  if (!(windowMs > 0)) throw new RangeError('rateLimit.windowSeconds must be positive');
  return {
    async check(req, identity) {
      if (options.max === 0) return { allowed: true };
      const at = now();
      const window = Math.floor(at / windowMs);
      const key = `rate:${clientKey(req, identity, options.trustProxy ?? false)}:${window}`;
      const count = await cache.increment(key, windowMs / 1000);
      if (count <= options.max) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * windowMs - at) / 1000)) };
    },
  };
}
