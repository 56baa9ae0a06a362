import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductSnapshot, VariantSnapshot } from '@shop/events';
import { sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { searchModule } from '../src';
import { category, created, feed, uniqueCurrency, updated } from './helpers';
import { SearchOptionsDocument, type SearchFilter, type SearchOptionsQuery, type SearchSort } from './__generated__/graphql';

type Result = SearchOptionsQuery;

type Variant = [price: number, options: Record<string, string>, published?: boolean];

describe.each(sqlBackends)('option filters and facets on %s', (backend) => {
  let search: SubgraphHarness;
  let currency: string;
  let ids: Record<'shirt' | 'jacket' | 'shoes' | 'mug', string>;
  let products: Record<string, ProductSnapshot>;
  const base = Date.parse('2026-02-01T00:00:00.000Z');

  const snapshot = (productId: string, name: string, variants: Variant[] | null): ProductSnapshot => {
    const list: VariantSnapshot[] | undefined = variants?.map(([amount, options, published = true], position) => ({
      variantId: `${productId}-v${position}`,
      sku: `${productId}-${position}`,
      price: { amount, currency },
      compareAtPrice: null,
      published,
      position,
      weightGrams: null,
      optionValues: Object.entries(options).map(([option, value]) => ({ option, value })),
    }));
    const published = list?.filter((variant) => variant.published).map((variant) => variant.price.amount) ?? [1200];
    return {
      productId,
      sku: `${productId}-0`,
      name,
      categoryId: 'clothing',
      price: { amount: Math.min(...published), currency },
      published: true,
      ...(list ? { variants: list } : {}),
    };
  };

  beforeAll(async () => {
    search = await startSubgraphHarness({ module: searchModule, config: {}, backend });
    currency = uniqueCurrency();
    const prefix = `v${randomBytes(4).toString('hex')}`;
    ids = { shirt: `${prefix}-shirt`, jacket: `${prefix}-jacket`, shoes: `${prefix}-shoes`, mug: `${prefix}-mug` };
    products = {
      shirt: snapshot(ids.shirt, 'Linen Shirt', [
        [2000, { Size: 'S', Colour: 'Rust' }],
        [2000, { Size: 'M', Colour: 'Rust' }],
        [2000, { Size: 'L', Colour: 'Rust' }],
        [2000, { Size: 'S', Colour: 'Olive' }],
        [2500, { Size: 'M', Colour: 'Olive' }],
        [2000, { Size: 'L', Colour: 'Olive' }, false],
      ]),
      jacket: snapshot(ids.jacket, 'Field Jacket', [
        [9000, { Size: 'M', Colour: 'Olive' }],
        [12_000, { Size: 'L', Colour: 'Olive' }],
      ]),
      shoes: snapshot(ids.shoes, 'Canvas Shoes', [
        [6000, { Size: '42' }],
        [6000, { Size: '43' }, false],
      ]),
      // Indexed from an event recorded before variants: one default variant, no options.
      mug: snapshot(ids.mug, 'Tea Mug', null),
    };
    const events = feed(search);
    await events.publish(category('clothing', 'clothing-slug'), { changes: false });
    for (const [i, product] of Object.values(products).entries()) await events.publish(created(product, new Date(base + i * 60_000)));
  });
  afterAll(() => search?.stop());

  const run = async (filter: Partial<SearchFilter> = {}, sort: SearchSort = 'PRICE_ASC') => {
    const result = await search.call(SearchOptionsDocument, { filter: { currency, ...filter }, sort });
    expect(result.errors).toBeUndefined();
    return result.data!.search;
  };
  const found = async (filter: Partial<SearchFilter>) => (await run(filter)).edges.map((edge) => edge.node.id);
  const nonEmptyBuckets = (result: Result['search']) =>
    result.facets.priceBuckets.filter((bucket) => bucket.count > 0).map((bucket) => [bucket.min, bucket.count]);

  it('a product matches when one published variant has every chosen option value', async () => {
    expect(await found({ options: [{ name: 'Size', values: ['M'] }] })).toEqual([ids.shirt, ids.jacket]);
    // The shirt's L in olive is unpublished, so only the jacket has it.
    expect(
      await found({
        options: [
          { name: 'Size', values: ['L'] },
          { name: 'Colour', values: ['Olive'] },
        ],
      }),
    ).toEqual([ids.jacket]);
    expect(
      await found({
        options: [
          { name: 'Size', values: ['S', 'L'] },
          { name: 'Colour', values: ['Olive'] },
        ],
      }),
    ).toEqual([ids.shirt, ids.jacket]);
    expect(await found({ options: [{ name: 'Size', values: ['43'] }] })).toEqual([]);
    expect(await found({ options: [{ name: 'Fabric', values: ['Linen'] }] })).toEqual([]);
    expect(await found({ options: [] })).toEqual([ids.mug, ids.shirt, ids.shoes, ids.jacket]);
  });

  it('price filters look at every published variant, and with options at the same variant', async () => {
    // The jacket is "from" 90.00 but its L costs 120.00.
    expect(await found({ minPrice: 10_000 })).toEqual([ids.jacket]);
    expect(await found({ minPrice: 2400, maxPrice: 3000 })).toEqual([ids.shirt]);
    expect(await found({ maxPrice: 1500 })).toEqual([ids.mug]);
    expect(await found({ options: [{ name: 'Size', values: ['M'] }], maxPrice: 2000 })).toEqual([ids.shirt]);
    // Rust shirts all cost 20.00: the olive M at 25.00 does not make a rust shirt match.
    expect(await found({ options: [{ name: 'Colour', values: ['Rust'] }], minPrice: 2400 })).toEqual([]);
  });

  it('counts option facets per option, each ignoring its own filter, and prices buckets at the matching variants', async () => {
    const all = await run();
    expect(all.facets.options).toEqual([
      {
        option: 'Colour',
        values: [
          { value: 'Olive', count: 2 },
          { value: 'Rust', count: 1 },
        ],
      },
      {
        option: 'Size',
        values: [
          { value: 'L', count: 2 },
          { value: 'M', count: 2 },
          { value: '42', count: 1 },
          { value: 'S', count: 1 },
        ],
      },
    ]);
    const rust = await run({ options: [{ name: 'Colour', values: ['Rust'] }] });
    expect(rust.totalCount).toBe(1);
    expect(rust.facets.options).toEqual([
      {
        option: 'Colour',
        values: [
          { value: 'Olive', count: 2 },
          { value: 'Rust', count: 1 },
        ],
      },
      {
        option: 'Size',
        values: [
          { value: 'L', count: 1 },
          { value: 'M', count: 1 },
          { value: 'S', count: 1 },
        ],
      },
    ]);
    const medium = await run({ options: [{ name: 'Size', values: ['M'] }] });
    expect(medium.facets.options[0]).toEqual({
      option: 'Colour',
      values: [
        { value: 'Olive', count: 2 },
        { value: 'Rust', count: 1 },
      ],
    });
    expect(medium.facets.options[1]!.values.map((value) => value.value)).toEqual(['L', 'M', '42', 'S']);
    expect(nonEmptyBuckets(medium)).toEqual([
      [1000, 1],
      [5000, 1],
    ]);
    const olivePriced = await run({ options: [{ name: 'Colour', values: ['Olive'] }], minPrice: 10_000 });
    expect(olivePriced.facets.options[1]).toEqual({ option: 'Size', values: [{ value: 'L', count: 1 }] });
  });

  it('follows product.updated: an unpublished variant leaves the facets and filters', async () => {
    const shoes = products.shoes!;
    const hidden = { ...shoes, variants: shoes.variants!.map((variant) => ({ ...variant, published: variant.optionValues[0]!.value === '43' })) };
    await feed(search).publish(updated(hidden, new Date(base + 3_600_000)));
    expect(await found({ options: [{ name: 'Size', values: ['42'] }] })).toEqual([]);
    expect(await found({ options: [{ name: 'Size', values: ['43'] }] })).toEqual([ids.shoes]);
    expect((await run()).facets.options[1]!.values).toContainEqual({ value: '43', count: 1 });
  });

  it('refuses unbounded or malformed option filters with BAD_USER_INPUT naming filter.options', async () => {
    const refused = async (options: unknown) => {
      const result = await search.call(SearchOptionsDocument, { filter: { currency, options: options as SearchFilter['options'] } });
      expect(result.data).toBeNull();
      return result.errors?.map((error) => [error.extensions?.code, error.extensions?.argument, error.message]);
    };
    const bad = (message: string) => [['BAD_USER_INPUT', 'filter.options', message]];
    expect(await refused(Array.from({ length: 11 }, (_, i) => ({ name: `o${i}`, values: ['x'] })))).toEqual(bad('options takes at most 10 options'));
    expect(await refused([{ name: 'Size', values: Array.from({ length: 51 }, (_, i) => `v${i}`) }])).toEqual(bad('option "Size" needs 1 to 50 values'));
    expect(await refused([{ name: 'Size', values: [] }])).toEqual(bad('option "Size" needs 1 to 50 values'));
    expect(await refused([{ name: '  ', values: ['M'] }])).toEqual(bad('an option name must be 1 to 100 characters'));
    expect(await refused([{ name: 'Size', values: ['x'.repeat(101)] }])).toEqual(bad('an option value must be 1 to 100 characters'));
    expect(
      await refused([
        { name: 'Size', values: ['M'] },
        { name: ' Size', values: ['L'] },
      ]),
    ).toEqual(bad('option "Size" is given twice; list all its values once'));
  });
});
