import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MemoryCache } from '@shop/cache';
import { clientKey, createRateLimiter } from '../src/rate-limit';

const request = (address: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: address }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;

describe('createRateLimiter', () => {
  it('allows max requests per aligned window, then answers with the exact seconds left', async () => {
    let now = 120_000 + 15_000; // 15 s into a 60 s window
    const cache = new MemoryCache({ keyPrefix: 'router', now: () => now });
    const limiter = createRateLimiter(cache, { max: 2, windowSeconds: 60 }, () => now);
    const req = request('10.0.0.1');
    expect(await limiter.check(req, null)).toEqual({ allowed: true });
    expect(await limiter.check(req, null)).toEqual({ allowed: true });
    expect(await limiter.check(req, null)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    // Another client and a signed-in user have budgets of their own.
    expect(await limiter.check(request('10.0.0.2'), null)).toEqual({ allowed: true });
    expect(await limiter.check(req, { userId: 'u1', roles: [] })).toEqual({ allowed: true });
    now = 180_000; // the next window
    expect(await limiter.check(req, null)).toEqual({ allowed: true });
  });

  it('max 0 turns limiting off', async () => {
    const limiter = createRateLimiter(new MemoryCache({ keyPrefix: 'router' }), { max: 0 });
    for (let i = 0; i < 5; i++) expect(await limiter.check(request('10.0.0.1'), null)).toEqual({ allowed: true });
  });
});

describe('clientKey', () => {
  it('uses the user id, else the peer address; x-forwarded-for only behind a trusted proxy', () => {
    expect(clientKey(request('10.0.0.1', '203.0.113.9'), { userId: 'u1', roles: [] }, true)).toBe('user:u1');
    expect(clientKey(request('10.0.0.1', '203.0.113.9, 10.0.0.1'), null, false)).toBe('ip:10.0.0.1');
    expect(clientKey(request('10.0.0.1', '203.0.113.9, 10.0.0.1'), null, true)).toBe('ip:203.0.113.9');
  });
});
