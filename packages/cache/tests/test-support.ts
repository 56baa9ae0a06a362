import type { EventuallyOptions } from '@shop/testkit';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** A fresh key prefix per test, so runs (and concurrent runs) never see each other's data. */
export function uniquePrefix(label = 't'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/**
 * Fails fast and clearly when Redis is down. Without it each test would wait for ioredis to give
 * up retrying. Memoized per URL so suites can await it in `beforeEach`: every Redis test then
 * FAILS (a failing `beforeAll` would only mark them skipped) with a message saying what to start.
 */
export function assertRedisReachable(url: string): Promise<void> {
  let check = reachability.get(url);
  if (check === undefined) {
    check = probe(url);
    reachability.set(url, check);
  }
  return check;
}

const reachability = new Map<string, Promise<void>>();

async function probe(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let lastError: unknown;
  client.on('error', (error: unknown) => (lastError = error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const cause = lastError ?? error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`Redis is not reachable at ${url} (start it with "bash scripts/servers/up.sh" or set TEST_REDIS_URL): ${reason}`);
  } finally {
    client.disconnect();
  }
}

/** `eventually` options for these suites: a short bound and fast polling (effects are local and quick). */
export const quickly: EventuallyOptions = { timeoutMs: 2000, everyMs: 10 };
