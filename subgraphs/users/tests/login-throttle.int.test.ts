import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '@shop/auth';
import { MemoryCache, RedisCache, type Cache } from '@shop/cache';
import { startSubgraphHarness, testServers, type SubgraphHarness } from '@shop/testkit';
import { LoginThrottle } from '../src/services/login-throttle.service';
import { usersModule, type UsersConfig } from '../src';
import { LoginDocument, RegisterDocument } from './__generated__/graphql';

const adapters: Array<[string, () => Cache]> = [
  ['memory', () => new MemoryCache({ keyPrefix: `users-${randomUUID()}` })],
  ['redis', () => new RedisCache({ url: testServers.TEST_REDIS_URL, keyPrefix: `users-${randomUUID()}` })],
];

/** Plays `n` failed attempts, asserting each was let through. */
async function failTimes(throttle: LoginThrottle, n: number, email: string, ip: string) {
  for (let i = 0; i < n; i++) {
    const permit = await throttle.attempt(email, ip);
    if (!permit.allowed) throw new Error(`attempt ${i + 1} was refused`);
    await permit.failed();
  }
}

describe.each(adapters)('LoginThrottle on the %s cache', (_name, makeCache) => {
  let cache: Cache;
  let at = Date.UTC(2026, 11, 2, 7, 0, 0);
  const clock = () => at;
  beforeAll(() => {
    cache = makeCache();
  });
  afterAll(() => cache.close());
  const throttle = () => new LoginThrottle(cache, { freeAttempts: 3, freeAttemptsPerIp: 10, baseDelaySeconds: 2, maxDelaySeconds: 10 }, clock);

  it('backs off exponentially after the free attempts, capped, and exactly', async () => {
    const t = throttle();
    await failTimes(t, 3, 'ada@example.com', '198.51.100.1');
    expect(await t.attempt('ada@example.com', '198.51.100.1')).toEqual({ allowed: false, retryAfterSeconds: 2 });
    at += 1_999;
    expect(await t.attempt('ada@example.com', '198.51.100.1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    at += 1;
    await failTimes(t, 1, 'ada@example.com', '198.51.100.1');
    expect(await t.attempt('ada@example.com', '198.51.100.1')).toEqual({ allowed: false, retryAfterSeconds: 4 });
    at += 4_000;
    await failTimes(t, 1, 'ada@example.com', '198.51.100.1');
    expect(await t.attempt('ada@example.com', '198.51.100.1')).toEqual({ allowed: false, retryAfterSeconds: 8 });
    at += 8_000;
    await failTimes(t, 1, 'ada@example.com', '198.51.100.1');
    // 16 s would be next; the cap is 10.
    expect(await t.attempt('ada@example.com', '198.51.100.1')).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it('keys the account on e-mail and IP: the owner elsewhere is not locked out, and a success clears the pair', async () => {
    const t = throttle();
    await failTimes(t, 3, 'grace@example.com', '198.51.100.2');
    expect(await t.attempt('grace@example.com', '198.51.100.2')).toMatchObject({ allowed: false });
    const owner = await t.attempt('grace@example.com', '203.0.113.9');
    expect(owner.allowed).toBe(true);
    if (owner.allowed) await owner.succeeded();
    at += 2_000;
    const back = await t.attempt('grace@example.com', '198.51.100.2');
    expect(back.allowed).toBe(true);
    if (back.allowed) await back.succeeded();
    // After the success the pair starts over with its free attempts.
    await failTimes(t, 3, 'grace@example.com', '198.51.100.2');
  });

  it('refuses concurrent guesses once back-off has started: one attempt per step', async () => {
    const t = throttle();
    await failTimes(t, 3, 'burst@example.com', '198.51.100.3');
    at += 2_000;
    const burst = await Promise.all(Array.from({ length: 5 }, () => t.attempt('burst@example.com', '198.51.100.3')));
    expect(burst.filter((permit) => permit.allowed)).toHaveLength(1);
    expect(burst.filter((permit) => !permit.allowed)).toEqual(Array.from({ length: 4 }, () => ({ allowed: false, retryAfterSeconds: 2 })));
  });

  it('throttles one IP across many e-mails, and an invalid-looking e-mail like any other', async () => {
    const t = throttle();
    for (let i = 0; i < 10; i++) await failTimes(t, 1, `stuffing${i}@example.com`, '198.51.100.4');
    expect(await t.attempt('someone-new@example.com', '198.51.100.4')).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect((await t.attempt('someone-new@example.com', '198.51.100.5')).allowed).toBe(true);
    await failTimes(t, 3, 'not an e-mail', '198.51.100.6');
    expect(await t.attempt('not an e-mail', '198.51.100.6')).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it('rejects a back-off cap below its base', () => {
    expect(() => new LoginThrottle(cache, { baseDelaySeconds: 10, maxDelaySeconds: 5 })).toThrow(/maxDelaySeconds/);
  });
});

describe('two users replicas on one Redis share the counters', () => {
  const config = async (): Promise<UsersConfig> => ({
    signingKeys: [(await generateSigningKey()).privateJwk as Record<string, unknown>],
    issuer: 'test',
    audience: 'test',
    accessTokenTtlSeconds: 60,
    refreshTokenTtlSeconds: 3600,
    loginThrottle: { freeAttempts: 4, baseDelaySeconds: 30 },
  });
  let redis: RedisCache;
  let replicas: SubgraphHarness[];
  beforeAll(async () => {
    redis = new RedisCache({ url: testServers.TEST_REDIS_URL, keyPrefix: `users-${randomUUID()}` });
    replicas = await Promise.all(
      [0, 1].map(async () => startSubgraphHarness({ module: usersModule, config: await config(), backend: 'postgres', sharedCache: redis })),
    );
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await redis.close();
  });

  const login = (replica: SubgraphHarness, email: string, clientIp: string) =>
    replica.call(LoginDocument, { input: { email, password: 'wrong-password-123' } }, { clientIp });

  it('known and unknown e-mails alike: failures on either replica count once', async () => {
    const email = `known.${Date.now()}@example.com`;
    await replicas[0]!.call(RegisterDocument, { input: { email, password: 'correct-horse-battery-9', name: 'Ada' } });
    for (const target of [email, `unknown.${Date.now()}@example.com`]) {
      const invalid = {
        data: {
          login: { session: null, errors: [{ code: 'INVALID_CREDENTIALS', field: null, message: 'E-mail or password is wrong', retryAfterSeconds: null }] },
        },
      };
      for (let i = 0; i < 4; i++) expect(await login(replicas[i % 2]!, target, '192.0.2.10')).toEqual(invalid);
      const refused = {
        data: {
          login: {
            session: null,
            errors: [{ code: 'TOO_MANY_ATTEMPTS', field: null, message: 'Too many failed sign-ins; try again in 30 s', retryAfterSeconds: 30 }],
          },
        },
      };
      expect(await login(replicas[0]!, target, '192.0.2.10')).toEqual(refused);
      expect(await login(replicas[1]!, target, '192.0.2.10')).toEqual(refused);
      // Another address is a different pair: the owner can still sign in from home.
      expect(await login(replicas[1]!, target, '192.0.2.11')).toEqual(invalid);
    }
  });
});
