import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartTokenKey, newCartToken } from '@shop/subgraph-kit';
import { probeCalls } from './support/probe-subgraph';
import { startProbeRouter, type ProbeRouter } from './support/probe-router';

const times = <T>(n: number, make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => make(i)));

/**
 * Identical queries in flight at the same time share one subgraph fetch, per identity; mutations
 * and different identities never share. `slow` and `bump` take 1.5 s, so concurrent calls overlap.
 */
describe('shared in-flight subgraph queries', () => {
  let probe: ProbeRouter;
  beforeAll(async () => {
    probe = await startProbeRouter();
  });
  afterAll(() => probe.stop());

  it('ten identical concurrent queries cost one subgraph call, and each gets the whole answer', async () => {
    const before = probeCalls.slow;
    const answers = await times(10, () => probe.query('{ slow items(first: 2) { id } }'));
    expect(probeCalls.slow - before).toBe(1);
    for (const answer of answers) expect(answer).toEqual({ status: 200, data: { slow: 'finally', items: [{ id: 'item-0' }, { id: 'item-1' }] } });
  });

  it('never shares between guests: each cart token gets its own call, and the subgraph sees only its hash', async () => {
    const tokens = [newCartToken(), newCartToken()];
    const before = probeCalls.slow;
    const answers = await times(6, (i) => probe.query('{ slow guestKey }', {}, { headers: { 'x-cart-token': tokens[i % 2]! } }));
    expect(probeCalls.slow - before).toBe(2);
    expect(answers.map((answer) => answer.data?.guestKey)).toEqual([0, 1, 0, 1, 0, 1].map((i) => cartTokenKey(tokens[i]!)));
    expect((await probe.query('{ guestKey }')).data).toEqual({ guestKey: null });
  });

  it('a query sent after the shared one finished is fetched again (nothing is cached)', async () => {
    const before = probeCalls.slow;
    await probe.query('{ slow }');
    await probe.query('{ slow }');
    expect(probeCalls.slow - before).toBe(2);
  });

  it('never shares between identities: each user and the anonymous caller get their own call and their own identity', async () => {
    const [ada, bob] = [await probe.tokenFor('user-ada'), await probe.tokenFor('user-bob')];
    const before = probeCalls.slow;
    const callers = [ada, bob, undefined];
    const answers = await times(9, (i) => probe.query('{ slow viewer { userId } }', {}, callers[i % 3] ? { token: callers[i % 3]! } : {}));
    expect(probeCalls.slow - before).toBe(3);
    expect(answers.map((answer) => answer.data?.viewer?.userId ?? null)).toEqual([
      'user-ada',
      'user-bob',
      null,
      'user-ada',
      'user-bob',
      null,
      'user-ada',
      'user-bob',
      null,
    ]);
  });

  it('never shares mutations: five concurrent identical mutations run five times', async () => {
    const before = probeCalls.bump;
    const answers = await times(5, () => probe.query('mutation { bump }'));
    expect(probeCalls.bump - before).toBe(5);
    expect(answers.map((answer) => (answer.data as { bump: number }).bump).sort()).toEqual([1, 2, 3, 4, 5].map((n) => before + n));
  });

  it('can be turned off (ROUTER_SHARE_INFLIGHT_QUERIES=false)', async () => {
    const unshared = await startProbeRouter({ shareInFlightQueries: false });
    try {
      const before = probeCalls.slow;
      await times(4, () => unshared.query('{ slow }'));
      expect(probeCalls.slow - before).toBe(4);
    } finally {
      await unshared.stop();
    }
  });
});
