import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '@shop/cache';
import { startProbeRouter, type ProbeRouter } from './support/probe-router';

const hashOf = (query: string) => createHash('sha256').update(query).digest('hex');
const CACHE_BYTES = 2 * 1024 * 1024;

describe('persisted queries cannot fill the router memory', () => {
  let cache: MemoryCache;
  let probe: ProbeRouter;
  beforeAll(async () => {
    cache = new MemoryCache({ keyPrefix: 'router', maxBytes: CACHE_BYTES });
    probe = await startProbeRouter({ cache, rateLimit: { max: 0 } });
  });
  afterAll(async () => {
    await probe.stop();
    await cache.close();
  });

  it('refuses a document padded past maxDocumentBytes, as a persisted query or not, and registers nothing', async () => {
    const query = `{ __typename } # ${'x'.repeat(900_000)}`;
    const sha256Hash = hashOf(query);
    for (const body of [{ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }, { query }]) {
      const response = await probe.post(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        errors: [{ message: 'The document is 900017 bytes; the limit is 32768', extensions: { code: 'BAD_USER_INPUT', limit: 'maxDocumentBytes' } }],
      });
    }
    expect(await cache.get(`apq:${sha256Hash}`)).toBeNull();
    const byHash = await probe.post({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(await byHash.json()).toEqual({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
  });

  it('a flood of the largest registrable documents keeps the store within its bytes and the router serving', async () => {
    const nonce = randomBytes(4).toString('hex');
    // Each just under the document limit: 200 of them are 6.5 MB of text, three times the store.
    const documents = Array.from({ length: 200 }, (_, i) => `{ __typename } # ${nonce}-${i} ${'y'.repeat(32_700)}`);
    for (let start = 0; start < documents.length; start += 10) {
      const statuses = await Promise.all(
        documents
          .slice(start, start + 10)
          .map(async (query) => (await probe.post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(query) } } })).status),
      );
      expect(statuses).toEqual(Array.from({ length: statuses.length }, () => 200));
    }
    expect(cache.bytes).toBeLessThanOrEqual(CACHE_BYTES);
    // The newest registration is still there; the oldest was evicted and must be sent again.
    const newest = documents.at(-1)!;
    const oldest = documents[0]!;
    expect(await cache.get(`apq:${hashOf(newest)}`)).toBe(newest);
    expect(await cache.get(`apq:${hashOf(oldest)}`)).toBeNull();
    const served = await probe.post({ query: '{ viewer { userId } }' });
    expect({ status: served.status, body: await served.json() }).toEqual({ status: 200, body: { data: { viewer: null } } });
  });
});
