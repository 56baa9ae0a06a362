import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../support/embedded-shop';
import { signInAdmin } from '../support/shop-actors';
import { hostileCases, type HostileCase } from './support/hostile-cases';

interface Answer {
  status: number;
  errors: Array<{ message: string; extensions?: { code?: string } }>;
}

/** Runs `work` over `items` with at most `size` in flight. */
async function pool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return results;
}

/**
 * Every argument of every Query and Mutation field of the public schema (input-object fields and
 * list elements included), given hostile values one at a time, as literals and as variables, by an
 * admin and by an anonymous caller, through the real router over the embedded shop. Bad input must
 * always get a typed code: never INTERNAL_SERVER_ERROR, an error without a code, or a 5xx.
 */
describe('hostile input on every argument of the public schema', () => {
  const schema = buildSchema(readFileSync(new URL('../../schema/supergraph-api.graphql', import.meta.url), 'utf8'));
  const cases = hostileCases(schema);
  let shop: Awaited<ReturnType<typeof startShop>>;
  let adminToken: string;

  beforeAll(async () => {
    // The walk sends thousands of requests from one address; the rate limit is tested elsewhere.
    shop = await startShop(undefined, undefined, { rateLimit: { max: 0 } });
    adminToken = (await signInAdmin(shop.routerUrl, shop.admin)).token;
  });
  afterAll(() => shop?.stop());

  const send = async (hostile: HostileCase, token: string | null): Promise<Answer> => {
    const response = await fetch(shop.routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: hostile.query, variables: hostile.variables }),
    });
    const body = (await response.json()) as { errors?: Answer['errors'] };
    return { status: response.status, errors: body.errors ?? [] };
  };

  it('walks every field', () => {
    const fields = new Set(cases.map((c) => `${c.operation}.${c.field}`));
    const expected = [schema.getQueryType()!, schema.getMutationType()!].flatMap((root) =>
      Object.values(root.getFields())
        .filter((field) => field.args.length > 0)
        .map((field) => `${root === schema.getQueryType() ? 'query' : 'mutation'}.${field.name}`),
    );
    expect([...fields].sort()).toEqual(expected.sort());
  });

  it('answers every hostile value with a typed code and no 5xx, as admin and as anonymous', { timeout: 170_000 }, async () => {
    const runs = cases.flatMap((hostile) => [
      { hostile, who: 'admin', token: adminToken },
      { hostile, who: 'anonymous', token: null },
    ]);
    const offenders = (
      await pool(runs, 6, async ({ hostile, who, token }) => {
        const answer = await send(hostile, token);
        const bad = answer.errors.filter((error) => !error.extensions?.code || error.extensions.code === 'INTERNAL_SERVER_ERROR');
        if (answer.status < 500 && bad.length === 0) return null;
        const codes = answer.errors.map((error) => error.extensions?.code ?? 'no code').join(',');
        return `${who} ${hostile.operation} ${hostile.field}(${hostile.path}) ${hostile.label} as ${hostile.mode}: HTTP ${answer.status} ${codes}`;
      })
    ).filter((offender) => offender !== null);
    expect(offenders).toEqual([]);
  });
});
