import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProbeRouter, type ProbeRouter } from './support/probe-router';

const DETAIL_TOKEN = 'operator-ready-detail-token-1';
const planHeader = { 'apollo-query-plan-experimental': '1' };

/** Internals a production router used to show: query plans, suggestions, subgraph names, topology. */
describe.each([true, false])('production %s: what the router discloses', (production) => {
  let probe: ProbeRouter;
  beforeAll(async () => {
    probe = await startProbeRouter({ production, readyDetailToken: DETAIL_TOKEN, subgraphTimeoutMs: 200, rateLimit: { max: 0 } });
  });
  afterAll(() => probe.stop());

  it('returns a query plan only outside production', async () => {
    const body = await (await probe.post({ query: '{ items(first: 1) { id } }' }, planHeader)).json();
    expect(body.data).toEqual({ items: [{ id: 'item-0' }] });
    expect('__queryPlanExperimental' in (body.extensions ?? {})).toBe(!production);
  });

  it('strips "Did you mean" from variable coercion errors in production only', async () => {
    const response = await probe.post({ query: 'query($c: Colour!) { colour(of: $c) }', variables: { c: 'GREN' } });
    expect(response.status).toBe(400);
    const [error] = (await response.json()).errors;
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message.startsWith('Variable "$c" got invalid value "GREN"; Value "GREN" does not exist in "Colour" enum.')).toBe(true);
    expect(/Did you mean/.test(error.message)).toBe(!production);
  });

  it('a subgraph timeout names the subgraph and carries serviceName only outside production', async () => {
    const body = await (await probe.post({ query: '{ slow }' })).json();
    expect(body.data).toEqual({ slow: null });
    const [error] = body.errors;
    expect(error.extensions.code).toBe('GATEWAY_TIMEOUT');
    expect(error.message.includes('probe')).toBe(!production);
    expect('serviceName' in error.extensions).toBe(!production);
  });

  it('/ready lists the subgraphs in production only to an operator with the detail token', async () => {
    const anonymous = await (await fetch(new URL('/ready', probe.url))).json();
    const operator = await (await fetch(new URL('/ready', probe.url), { headers: { 'x-ready-detail-token': DETAIL_TOKEN } })).json();
    const wrong = await (await fetch(new URL('/ready', probe.url), { headers: { 'x-ready-detail-token': 'x'.repeat(DETAIL_TOKEN.length) } })).json();
    const full = { ready: true, supergraph: 'loaded', subgraphs: { probe: 'ok' } };
    expect(operator).toEqual(full);
    expect(anonymous).toEqual(production ? { ready: true, supergraph: 'loaded' } : full);
    expect(wrong).toEqual(anonymous);
  });
});

describe('refused tokens count against the rate limit', () => {
  let probe: ProbeRouter;
  beforeAll(async () => {
    probe = await startProbeRouter({ rateLimit: { max: 3, windowSeconds: 3_600 } });
  });
  afterAll(() => probe.stop());

  it('three 401s use up the address budget: the next request is 429', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await probe.post({ query: '{ __typename }' }, { authorization: 'Bearer not-a-token' })).status);
    expect(statuses).toEqual([401, 401, 401]);
    expect((await probe.post({ query: '{ __typename }' })).status).toBe(429);
    expect((await probe.post({ query: '{ __typename }' }, { authorization: 'Bearer not-a-token' })).status).toBe(429);
  });
});
