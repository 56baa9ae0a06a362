import { readFileSync } from 'node:fs';
import newman, { type NewmanRunSummary } from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCollection } from '../scripts/postman/build-collection';
import { collectionSteps } from '../scripts/postman/collection-steps';
import { startShop } from './support/embedded-shop';

const committed = 'postman/commerce-supergraph.postman_collection.json';

function runCollection(collection: object, envVar: Array<{ key: string; value: string }>): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run({ collection, envVar, reporters: [], timeoutRequest: 20_000 }, (error, summary) => (error ? reject(error) : resolve(summary)));
  });
}

/** The Postman collection (`npm run postman`), run whole by newman against a fresh embedded shop. */
describe('the Postman collection', () => {
  let shop: Awaited<ReturnType<typeof startShop>>;
  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.stop());

  it('is what `npm run postman` generates from tests/operations', () => {
    expect(JSON.parse(readFileSync(committed, 'utf8'))).toEqual(buildCollection('tests/operations'));
  });

  it('passes every request and every test, in order', async () => {
    const summary = await runCollection(JSON.parse(readFileSync(committed, 'utf8')) as object, [
      { key: 'baseUrl', value: shop.routerUrl },
      { key: 'adminEmail', value: shop.admin.email },
      { key: 'adminPassword', value: shop.admin.password },
    ]);
    const failures = summary.run.failures.map((f) => `${f.source?.name ?? '?'}: ${f.error.message}`);
    expect(failures).toEqual([]);
    // A request repeated while an event travels appears more than once; each ran to success at last.
    const ran = summary.run.executions.map((execution) => execution.item.name).filter((name, i, all) => all[i - 1] !== name);
    expect(ran).toEqual(collectionSteps.map((step) => step.name ?? step.operation));
    expect(summary.run.stats.assertions.failed).toBe(0);
    // Three checks per request plus one per captured variable (a repeated attempt asserts nothing).
    const expected = collectionSteps.reduce((sum, step) => sum + 3 + Object.keys(step.capture ?? {}).length, 0);
    expect(summary.run.stats.assertions.total).toBe(expected);
  });
});
