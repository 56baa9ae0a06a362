import { parseEnv } from '@shop/config';
import { createLogger } from '@shop/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded, type RunningEmbedded } from '../../scripts/embedded';
import { embeddedCors, embeddedEnvSchema } from '../../scripts/env';
import { startProbeRouter } from './support/probe-router';

const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
  });

const post = (url: string, origin: string) =>
  fetch(url, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });

const expectAllowedPreflight = async (response: Response, origin: string) => {
  expect(response.status).toBe(204);
  expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
  expect(response.headers.get('access-control-allow-headers')).toBe(
    'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, x-request-id, x-cart-token',
  );
};

const expectRefusedPreflight = async (response: Response) => {
  expect(response.status).toBe(204);
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
  expect(response.headers.get('access-control-allow-methods')).toBeNull();
};

/** `npm start`'s policy, built from its env exactly as scripts/start.ts builds it. */
describe('CORS of the embedded shop (npm start)', () => {
  let shop: RunningEmbedded;
  beforeAll(async () => {
    const env = parseEnv(embeddedEnvSchema, { CORS_ORIGINS: 'https://preview.shop.example' });
    shop = await startEmbedded({ routerPort: 0, subgraphPorts: 'random', logger: createLogger('e2e', 'silent'), router: { cors: embeddedCors(env) } });
  });
  afterAll(() => shop.stop());

  it.each(['http://localhost:3000', 'http://127.0.0.1:5173', 'http://localhost', 'http://[::1]:8080', 'https://preview.shop.example'])(
    'lets %s preflight and read the answer',
    async (origin) => {
      await expectAllowedPreflight(await preflight(shop.routerUrl, origin), origin);
      const response = await post(shop.routerUrl, origin);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    },
  );

  it.each(['https://evil.example', 'http://localhost.evil.example', 'https://localhost:3000', 'http://127.0.0.1.evil.example:80'])(
    'gives %s no CORS headers',
    async (origin) => {
      await expectRefusedPreflight(await preflight(shop.routerUrl, origin));
      const response = await post(shop.routerUrl, origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    },
  );

  it('CORS_LOCAL_ORIGINS=false leaves only the listed origins', () => {
    const env = parseEnv(embeddedEnvSchema, { CORS_LOCAL_ORIGINS: 'false', CORS_ORIGINS: 'https://a.example', CORS_CREDENTIALS: 'true' });
    expect(embeddedCors(env)).toEqual({ origins: ['https://a.example'], credentials: true, localOrigins: false });
  });
});

describe('CORS of a production router', () => {
  let probe: Awaited<ReturnType<typeof startProbeRouter>>;
  beforeAll(async () => {
    probe = await startProbeRouter({ production: true, cors: { origins: ['https://shop.example'], localOrigins: true } });
  });
  afterAll(() => probe.stop());

  it('answers only its allow-list, even when asked to allow local origins', async () => {
    await expectAllowedPreflight(await preflight(probe.url, 'https://shop.example'), 'https://shop.example');
    await expectRefusedPreflight(await preflight(probe.url, 'http://localhost:3000'));
    const response = await post(probe.url, 'http://localhost:3000');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
