import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '@shop/auth';
import { startProbeRouter, type ProbeRouter } from './support/probe-router';

// Small windows so the test sees what production sees after 30 s / 5 min (JWKS_COOLDOWN_MS, JWKS_CACHE_MAX_AGE_MS).
const cooldownMs = 50;
const cacheMaxAgeMs = 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('access-token keys rotate without a router restart', () => {
  let probe: ProbeRouter;
  beforeAll(async () => {
    probe = await startProbeRouter({ jwks: { cooldownMs, cacheMaxAgeMs } });
  });
  afterAll(() => probe.stop());

  const viewer = async (token: string) => {
    const result = await probe.query('{ viewer { userId } }', {}, { token });
    return { status: result.status, userId: result.data?.viewer?.userId, code: result.errors?.[0]?.extensions?.code };
  };

  it('a newly published key works; a removed one stops working within the cache max age', async () => {
    const oldToken = await probe.tokenFor('u-old');
    expect(await viewer(oldToken)).toEqual({ status: 200, userId: 'u-old', code: undefined });

    const next = await generateSigningKey();
    const newToken = await probe.tokenFor('u-new', next);
    expect(await viewer(newToken)).toEqual({ status: 401, userId: undefined, code: 'UNAUTHENTICATED' });

    probe.jwks.publish([next.publicJwk, probe.signingKey.publicJwk]);
    await sleep(cooldownMs * 2);
    expect(await viewer(newToken)).toEqual({ status: 200, userId: 'u-new', code: undefined });
    expect(await viewer(oldToken)).toEqual({ status: 200, userId: 'u-old', code: undefined });

    probe.jwks.publish([next.publicJwk]);
    await sleep(cacheMaxAgeMs + 100);
    expect(await viewer(oldToken)).toEqual({ status: 401, userId: undefined, code: 'UNAUTHENTICATED' });
    expect(await viewer(newToken)).toEqual({ status: 200, userId: 'u-new', code: undefined });
  });

  it('a JWKS outage is 503 SERVICE_UNAVAILABLE (not 401); anonymous requests still work; it recovers', async () => {
    const token = await probe.tokenFor('u-outage', undefined);
    probe.jwks.publish([probe.signingKey.publicJwk]);
    probe.jwks.setDown(true);
    await sleep(cacheMaxAgeMs + 100);
    expect(await viewer(token)).toEqual({ status: 503, userId: undefined, code: 'SERVICE_UNAVAILABLE' });
    expect(await probe.query('{ viewer { userId } }')).toEqual({ status: 200, data: { viewer: null } });

    probe.jwks.setDown(false);
    expect(await viewer(token)).toEqual({ status: 200, userId: 'u-outage', code: undefined });
  });
});
