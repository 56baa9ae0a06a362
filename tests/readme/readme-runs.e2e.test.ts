import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedShop } from '../../scripts/seed/seed-shop';
import { startShop } from '../support/embedded-shop';
import { signInAdmin } from '../support/shop-actors';
import { readmeExamples } from './readme-examples';
import { emptyResults, payloadErrors, runExample, type ReaderState } from './run-example';

const examples = readmeExamples(readFileSync('README.md', 'utf8'));

/**
 * A reader follows README.md top to bottom against a fresh `npm start` shop (demo data seeded):
 * every curl command and every operation must answer without GraphQL or payload errors.
 * (schema/readme-examples.test.ts checks every README's operations against the schema.)
 */
describe('README.md, run in order on a fresh demo shop', () => {
  let shop: Awaited<ReturnType<typeof startShop>>;
  const state: ReaderState = {};
  beforeAll(async () => {
    shop = await startShop();
    await seedShop(shop.routerUrl, shop.admin);
  }, 300_000);
  afterAll(() => shop.stop());

  it('finds the curl commands and operations', () => {
    expect(examples.map((e) => `${e.source}: ${e.title}`)).toEqual([
      'graphql: query products, search',
      'graphql: query product',
      'curl: mutation register',
      'curl: mutation login',
      'curl: query me',
      'graphql: mutation addAddress',
      'graphql: mutation register',
      'graphql: query me',
      'graphql: mutation addAddress',
      'graphql: mutation addToCart',
      'graphql: mutation setShippingAddress',
      'graphql: mutation applyCouponCode',
      'graphql: query cart',
      'graphql: mutation placeOrder',
      'graphql: subscription orderStatusChanged',
      'graphql: query order',
      'curl: mutation addToCart',
      'curl: mutation setShippingAddress',
      'curl: mutation placeOrder',
      'curl: query order',
      'curl: mutation mergeGuestCart',
    ]);
  });

  it.each(examples.map((example, index) => ({ ...example, index })))('$index $source: $title', async (example) => {
    const result = await runExample(shop.routerUrl, example, state);
    expect(result.errors).toBeUndefined();
    expect(payloadErrors(result.data)).toEqual([]);
    expect(emptyResults(result.data)).toEqual([]);
    expect(result.data).toBeDefined();
  });
});

/** Subgraph READMEs whose examples stand alone (no `<id>` for the reader to fill), run as the admin. */
const standalone = ['subgraphs/search/README.md', 'subgraphs/promotions/README.md'].flatMap((file) =>
  readmeExamples(readFileSync(file, 'utf8'))
    .filter((example) => !/<[a-z ]+>/.test(example.query) && example.kind !== 'subscription')
    .map((example) => ({ ...example, file })),
);

describe('subgraph README examples on a fresh demo shop', () => {
  let shop: Awaited<ReturnType<typeof startShop>>;
  const state: ReaderState = {};
  beforeAll(async () => {
    shop = await startShop();
    await seedShop(shop.routerUrl, shop.admin);
    state.token = (await signInAdmin(shop.routerUrl, shop.admin)).token;
  }, 300_000);
  afterAll(() => shop.stop());

  it.each(standalone)('$file: $title', async (example) => {
    const result = await runExample(shop.routerUrl, example, state);
    expect(result.errors).toBeUndefined();
    expect(payloadErrors(result.data)).toEqual([]);
    expect(emptyResults(result.data)).toEqual([]);
    expect(result.data).toBeDefined();
  });
});
