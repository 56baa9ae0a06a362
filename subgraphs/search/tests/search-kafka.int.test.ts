import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productCreated, productsTopic } from '@shop/events';
import { eventually, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { searchModule } from '../src';
import { SearchDocument } from './__generated__/graphql';
import { uniqueCurrency } from './helpers';

/** Services mode: catalog events reach the index over real Kafka. */
describe('search on PostgreSQL + Kafka', () => {
  let search: SubgraphHarness;

  beforeAll(async () => {
    search = await startSubgraphHarness({ module: searchModule, config: { cacheTtlSeconds: 5 }, backend: 'postgres', transport: 'kafka' });
  });
  afterAll(() => search?.stop());

  it('makes a product.created from Kafka searchable', async () => {
    const productId = `p${randomBytes(5).toString('hex')}`;
    const currency = uniqueCurrency();
    const envelope = productCreated.create(productId, {
      productId,
      sku: 'KF-1',
      name: 'Kafka Raincoat',
      categoryId: 'outerwear',
      price: { amount: 4_900, currency },
      published: true,
    });
    const find = () => search.call(SearchDocument, { text: 'raincoat', filter: { currency } });
    expect((await find()).data!.search.totalCount).toBe(0);

    await search.platform.transport.publish([{ topic: productsTopic, key: productId, envelope }]);
    // The empty answer above is cached; the event's invalidation is what lets the product appear.
    await eventually(async () => (await find()).data!.search.totalCount === 1);
    const found = (await find()).data!.search;
    expect(found.edges.map((edge) => edge.node.id)).toEqual([productId]);
    expect(found.facets.categories).toEqual([{ categoryId: 'outerwear', count: 1 }]);
  });
});
