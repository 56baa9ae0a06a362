import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache, RedisCache, type Cache } from '@shop/cache';
import { newCartToken } from '@shop/subgraph-kit';
import { testServers } from '@shop/testkit';
import { startProbeRouter, type ProbeRouter } from './support/probe-router';

const caches: Array<[string, () => Cache]> = [
  ['memory', () => new MemoryCache({ keyPrefix: 'router' })],
  // A fresh prefix per run, so reruns against the long-lived test Redis start from empty windows.
  ['redis', () => new RedisCache({ url: testServers.TEST_REDIS_URL, keyPrefix: `router-e2e-${randomBytes(4).toString('hex')}` })],
];

describe.each(caches)('rate limiting and APQ on the %s cache', (_, createCache) => {
  let cache: Cache;
  let probe: ProbeRouter;
  beforeAll(async () => {
    cache = createCache();
    // A long window: the test's requests cannot straddle a window boundary.
    probe = await startProbeRouter({ cache, rateLimit: { max: 3, windowSeconds: 3_600 } });
  });
  afterAll(async () => {
    await probe.stop();
    await cache.close();
  });

  describe('rate limiting', () => {
    it('answers 429 RATE_LIMITED with Retry-After once a client used its window; signed-in users have their own budget', async () => {
      const query = '{ viewer { userId } }';
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await probe.post({ query })).status);
      expect(statuses).toEqual([200, 200, 200]);

      const limited = await probe.post({ query });
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 3_600).toBe(true);
      expect(await limited.json()).toEqual({
        errors: [{ message: `Too many requests; retry in ${retryAfter} s`, extensions: { code: 'RATE_LIMITED' } }],
      });

      // A guest is an anonymous caller: a new cart token is no new budget.
      expect((await probe.post({ query }, { 'x-cart-token': newCartToken() })).status).toBe(429);
      // Keyed by user id, not by the (shared) address.
      const token = await probe.tokenFor(`u-${randomBytes(4).toString('hex')}`);
      expect((await probe.post({ query }, { authorization: `Bearer ${token}` })).status).toBe(200);
    });
  });

  describe('automatic persisted queries', () => {
    it('hash only -> PERSISTED_QUERY_NOT_FOUND; hash + query registers; then the hash alone works', async () => {
      // Unique per run so the shared Redis has never seen it.
      const query = `{ items(first: 1) { id } nonce: viewer { userId } } # ${randomBytes(6).toString('hex')}`;
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const extensions = { persistedQuery: { version: 1, sha256Hash } };
      const token = await probe.tokenFor(`apq-${randomBytes(4).toString('hex')}`);
      const post = (body: unknown) => probe.post(body, { authorization: `Bearer ${token}` }).then(async (r) => ({ status: r.status, body: await r.json() }));

      const miss = await post({ extensions });
      expect(miss.body).toEqual({
        errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
      });
      const expected = { data: { items: [{ id: 'item-0' }], nonce: { userId: expect.any(String) } } };
      expect(await post({ query, extensions })).toEqual({ status: 200, body: expected });
      expect(await cache.get(`apq:${sha256Hash}`)).toBe(query);
      expect(await post({ extensions })).toEqual({ status: 200, body: expected });
    });

    it('a query that does not match its hash is refused', async () => {
      const result = await probe.post(
        { query: '{ viewer { userId } }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } },
        {
          authorization: `Bearer ${await probe.tokenFor('apq-mismatch')}`,
        },
      );
      expect(result.status).toBe(400);
      expect(await result.json()).toEqual({ errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }] });
    });
  });
});
