import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { searchModule } from '../src';
import { buckets, seedCatalogue, type SearchVariables } from './catalogue';
import { ProductReferencesDocument, SearchDocument, type SearchFilter, type SearchQuery, type SearchSort } from './__generated__/graphql';

const noBuckets = [
  [0, 1000, 0],
  [1000, 2500, 0],
  [2500, 5000, 0],
  [5000, 10000, 0],
  [10000, 25000, 0],
  [25000, 50000, 0],
  [50000, null, 0],
];

describe.each(sqlBackends)('search queries on %s', (backend) => {
  let search: SubgraphHarness;
  let shop: Awaited<ReturnType<typeof seedCatalogue>>;

  beforeAll(async () => {
    search = await startSubgraphHarness({ module: searchModule, config: {}, backend });
    shop = await seedCatalogue(search);
  });
  afterAll(() => search?.stop());

  const run = async (variables: SearchVariables) => {
    const filter = { currency: shop.currency, ...variables.filter };
    const result = await search.call(SearchDocument, { ...variables, filter });
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const ids = async (variables: SearchVariables) => (await run(variables)).search.edges.map((edge) => edge.node.id);

  it('ranks a small catalogue: exact words first, shorter names before longer ones, never unpublished products', async () => {
    expect(await ids({ text: 'jacket' })).toEqual(shop.idsOf('ba'));
    expect(await ids({ text: 'leather jacket' })).toEqual(shop.idsOf('aeb'));
    expect(await ids({ text: 'leather' })).toEqual(shop.idsOf('ea'));
    expect(await ids({ text: 'outerwear' })).toEqual(shop.idsOf('abc'));
    expect(await ids({ text: 'lj-100' })).toEqual(shop.idsOf('a'));
    const scores = (await run({ text: 'jacket' })).search.edges.map((edge) => edge.score!);
    expect(scores[0]).toBeGreaterThan(scores[1]!);
  });

  it('tolerates typos: "jakcet" finds the jackets first, the teapot not at all', async () => {
    expect(await ids({ text: 'jakcet' })).toEqual(shop.idsOf('ba'));
    expect(await ids({ text: 'lether jakcet' })).toEqual(shop.idsOf('a'));
    expect(await ids({ text: 'tepot' })).toEqual(shop.idsOf('f'));
  });

  it('searches exactly with quotes and -word, so an excluded word stays excluded', async () => {
    expect(await ids({ text: 'coat -rain' })).toEqual([]);
    expect(await ids({ text: 'jacket -denim' })).toEqual(shop.idsOf('a'));
    expect(await ids({ text: '"leather jacket"' })).toEqual(shop.idsOf('a'));
  });

  it('takes any text without failing: stop words, quotes, tsquery operators', async () => {
    expect(await ids({ text: 'the' })).toEqual([]);
    expect(await ids({ text: `o'brien \\ & | ! :* ( ) <-> '' "` })).toEqual([]);
    expect(await ids({ text: 'jacket:*' })).toEqual(shop.idsOf('ba'));
  });

  it('browses without text: newest first, no score', async () => {
    const data = await run({ text: '  ' });
    expect(data.search.edges.map((edge) => edge.node.id)).toEqual(shop.idsOf('fedcba'));
    expect(data.search.edges.every((edge) => edge.score === null)).toBe(true);
    expect(data.search.totalCount).toBe(6);
  });

  it('sorts by price, novelty and rating', async () => {
    expect(await ids({ sort: 'PRICE_ASC' })).toEqual(shop.idsOf('fdebca'));
    expect(await ids({ sort: 'PRICE_DESC' })).toEqual(shop.idsOf('acbedf'));
    expect(await ids({ sort: 'NEWEST' })).toEqual(shop.idsOf('fedcba'));
    expect(await ids({ sort: 'RATING' })).toEqual(shop.idsOf('aebcfd'));
    expect(await ids({ text: 'jacket', sort: 'PRICE_DESC' })).toEqual(shop.idsOf('ab'));
  });

  it('filters by category slugs as by ids, and both together', async () => {
    expect(await ids({ sort: 'PRICE_ASC', filter: { categorySlugs: ['accessories-slug', 'kitchen-slug'] } })).toEqual(shop.idsOf('fde'));
    expect(await ids({ sort: 'PRICE_ASC', filter: { categoryIds: ['kitchen'], categorySlugs: ['accessories-slug'] } })).toEqual(shop.idsOf('fde'));
  });

  it('filters by a category with every category below it, as products does', async () => {
    expect(await ids({ sort: 'PRICE_ASC', filter: { categoryIds: ['home'] } })).toEqual(shop.idsOf('fde'));
    expect(await ids({ sort: 'PRICE_ASC', filter: { categorySlugs: ['home-slug'] } })).toEqual(shop.idsOf('fde'));
    expect(await ids({ sort: 'PRICE_ASC', filter: { categoryIds: ['kitchen'] } })).toEqual(shop.idsOf('f'));
  });

  it('an unknown category id or slug is BAD_USER_INPUT naming the argument and the unknown values, never an empty result', async () => {
    const refused = async (filter: Partial<SearchFilter>) => {
      const result = await search.call(SearchDocument, { filter: { currency: shop.currency, ...filter } });
      expect(result.data).toBeNull();
      return result.errors?.map((e) => ({ message: e.message, code: e.extensions?.code, argument: e.extensions?.argument }));
    };
    expect(await refused({ categoryIds: ['kitchen', 'no-such', 'gone'] })).toEqual([
      { message: 'No category has the id "gone", "no-such"', code: 'BAD_USER_INPUT', argument: 'filter.categoryIds' },
    ]);
    expect(await refused({ categorySlugs: ['kitchen-slug', 'kitchen'] })).toEqual([
      { message: 'No category has the slug "kitchen"', code: 'BAD_USER_INPUT', argument: 'filter.categorySlugs' },
    ]);
    expect(await refused({ categorySlugs: Array.from({ length: 51 }, (_, i) => `s${i}`) })).toEqual([
      { message: 'categorySlugs takes at most 50 values', code: 'BAD_USER_INPUT', argument: 'filter.categorySlugs' },
    ]);
  });

  it('refuses unknown or too many categories written inline in the query like those sent as variables', async () => {
    const inline = async (filter: string, selection = 'totalCount') =>
      search.call(`query { search(filter: { currency: ${JSON.stringify(shop.currency)}, ${filter} }) { ${selection} } }`);
    const refused = async (filter: string) => {
      const result = await inline(filter);
      expect(result.data).toBeNull();
      return result.errors?.map((e) => ({ message: e.message, code: e.extensions?.code, argument: e.extensions?.argument }));
    };
    const quoted = (values: string[]) => `[${values.map((value) => JSON.stringify(value)).join(', ')}]`;
    expect(await refused(`categoryIds: ${quoted(['kitchen', 'gone'])}`)).toEqual([
      { message: 'No category has the id "gone"', code: 'BAD_USER_INPUT', argument: 'filter.categoryIds' },
    ]);
    expect(await refused(`categorySlugs: ${quoted(['kitchen'])}`)).toEqual([
      { message: 'No category has the slug "kitchen"', code: 'BAD_USER_INPUT', argument: 'filter.categorySlugs' },
    ]);
    const many = Array.from({ length: 51 }, (_, i) => `s${i}`);
    expect(await refused(`categoryIds: ${quoted(many)}`)).toEqual([
      { message: 'categoryIds takes at most 50 values', code: 'BAD_USER_INPUT', argument: 'filter.categoryIds' },
    ]);
    expect(await refused(`categorySlugs: ${quoted(many)}`)).toEqual([
      { message: 'categorySlugs takes at most 50 values', code: 'BAD_USER_INPUT', argument: 'filter.categorySlugs' },
    ]);
    // A known slug inline filters like its id; the category facet names each category as a Category reference.
    const known = await inline(
      `categorySlugs: ${quoted(['kitchen-slug'])}`,
      'edges { node { id } } facets { categories { categoryId category { id } count } }',
    );
    expect(known).toEqual({
      data: {
        search: {
          edges: [{ node: { id: shop.ids.f } }],
          facets: {
            categories: [
              { categoryId: 'outerwear', category: { id: 'outerwear' }, count: 3 },
              { categoryId: 'accessories', category: { id: 'accessories' }, count: 2 },
              { categoryId: 'kitchen', category: { id: 'kitchen' }, count: 1 },
            ],
          },
        },
      },
    });
  });

  it('applies every filter', async () => {
    expect(await ids({ sort: 'PRICE_ASC', filter: { categoryIds: ['accessories', 'kitchen'] } })).toEqual(shop.idsOf('fde'));
    expect(await ids({ sort: 'PRICE_ASC', filter: { minPrice: 2500 } })).toEqual(shop.idsOf('debca'));
    expect(await ids({ sort: 'PRICE_ASC', filter: { maxPrice: 7900 } })).toEqual(shop.idsOf('fdeb'));
    expect(await ids({ sort: 'PRICE_ASC', filter: { inStock: true } })).toEqual(shop.idsOf('fdeca'));
    expect(await ids({ sort: 'PRICE_ASC', filter: { inStock: false } })).toEqual(shop.idsOf('b'));
    expect(await ids({ sort: 'PRICE_ASC', filter: { minRating: 4.1 } })).toEqual(shop.idsOf('eba'));
    expect(await ids({ sort: 'PRICE_ASC', filter: { currency: 'ZZZ' } })).toEqual([]);
    expect(await ids({ sort: 'PRICE_ASC', filter: { currency: shop.currency.toLowerCase() } })).toEqual(shop.idsOf('fdebca'));
  });

  it('counts facets over the text and the other filters', async () => {
    const all = await run({});
    expect(all.search.facets).toMatchObject({
      categories: [
        { categoryId: 'outerwear', count: 3 },
        { categoryId: 'accessories', count: 2 },
        { categoryId: 'kitchen', count: 1 },
      ],
      ratings: [
        { minRating: 4, count: 3 },
        { minRating: 3, count: 4 },
        { minRating: 2, count: 5 },
        { minRating: 1, count: 5 },
      ],
      inStock: 5,
    });
    expect(buckets(all)).toEqual([
      [0, 1000, 0],
      [1000, 2500, 1],
      [2500, 5000, 2],
      [5000, 10000, 2],
      [10000, 25000, 1],
      [25000, 50000, 0],
      [50000, null, 0],
    ]);

    const outerwearInStock = await run({ filter: { categoryIds: ['outerwear'], inStock: true } });
    expect(outerwearInStock.search.totalCount).toBe(2);
    expect(outerwearInStock.search.facets.categories).toEqual([
      { categoryId: 'accessories', count: 2 },
      { categoryId: 'outerwear', count: 2 },
      { categoryId: 'kitchen', count: 1 },
    ]);
    expect(buckets(outerwearInStock)).toEqual([
      [0, 1000, 0],
      [1000, 2500, 0],
      [2500, 5000, 0],
      [5000, 10000, 1],
      [10000, 25000, 1],
      [25000, 50000, 0],
      [50000, null, 0],
    ]);
    expect(outerwearInStock.search.facets.ratings.map((r) => r.count)).toEqual([1, 2, 2, 2]);
    expect(outerwearInStock.search.facets.inStock).toBe(2);

    const pricedRated = await run({ filter: { minPrice: 2500, maxPrice: 9900, minRating: 4 } });
    expect(pricedRated.search.edges.map((edge) => edge.node.id)).toEqual(shop.idsOf('eb'));
    expect(pricedRated.search.facets.categories).toEqual([
      { categoryId: 'accessories', count: 1 },
      { categoryId: 'outerwear', count: 1 },
    ]);
    expect(buckets(pricedRated)).toEqual([
      [0, 1000, 0],
      [1000, 2500, 0],
      [2500, 5000, 1],
      [5000, 10000, 1],
      [10000, 25000, 1],
      [25000, 50000, 0],
      [50000, null, 0],
    ]);
    expect(pricedRated.search.facets.ratings.map((r) => r.count)).toEqual([2, 3, 3, 3]);
    expect(pricedRated.search.facets.inStock).toBe(1);

    const jackets = await run({ text: 'jacket' });
    expect(jackets.search.facets.categories).toEqual([{ categoryId: 'outerwear', count: 2 }]);
    expect(jackets.search.facets.inStock).toBe(1);

    const nothing = await run({ text: 'submarine' });
    expect(nothing.search).toMatchObject({ edges: [], totalCount: 0, facets: { categories: [], inStock: 0 } });
    expect(buckets(nothing)).toEqual(noBuckets);
  });

  const pageThrough = async (variables: SearchVariables, first: number) => {
    const seen: string[] = [];
    const pages: boolean[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const data: SearchQuery = await run({ ...variables, first, after });
      seen.push(...data.search.edges.map((edge) => edge.node.id));
      pages.push(data.search.pageInfo.hasPreviousPage);
      expect(data.search.totalCount).toBe(variables.text === 'jacket' ? 2 : 6);
      if (!data.search.pageInfo.hasNextPage) break;
      after = data.search.pageInfo.endCursor ?? null;
    }
    return { seen, pages };
  };

  it.each<[SearchSort, string]>([
    ['RELEVANCE', 'fedcba'],
    ['PRICE_ASC', 'fdebca'],
    ['PRICE_DESC', 'acbedf'],
    ['NEWEST', 'fedcba'],
    ['RATING', 'aebcfd'],
  ])('pages through %s with no duplicates or gaps', async (sort, order) => {
    const { seen, pages } = await pageThrough({ sort }, 4);
    expect(seen).toEqual(shop.idsOf(order));
    expect(pages).toEqual([false, true]);
    expect((await pageThrough({ sort }, 1)).seen).toEqual(shop.idsOf(order));
  });

  it('pages through a text search by relevance', async () => {
    expect((await pageThrough({ text: 'jacket' }, 1)).seen).toEqual(shop.idsOf('ba'));
  });

  it('rejects bad input with BAD_USER_INPUT', async () => {
    // No currency added: these variables are sent exactly as written.
    const errorOf = async (variables: Omit<SearchVariables, 'filter'> & { filter?: SearchFilter | Partial<SearchFilter> }) => {
      const result = await search.call(SearchDocument, variables as SearchVariables);
      return result.errors?.map((e) => [e.extensions?.code, e.message]);
    };
    const bad = (message: string) => [['BAD_USER_INPUT', message]];
    expect(await errorOf({ first: 10_000 })).toEqual(bad('first must be between 0 and 100'));
    expect(await errorOf({ first: -1 })).toEqual(bad('first must be between 0 and 100'));
    expect(await errorOf({ after: 'not-a-cursor' })).toEqual(bad('after is not a valid cursor'));
    expect(await errorOf({ filter: { minRating: 6 } })).toEqual(bad('minRating must be between 1 and 5'));
    expect(await errorOf({ filter: { minPrice: 10, maxPrice: 5 } })).toEqual(bad('maxPrice must not be below minPrice'));
    expect(await errorOf({ filter: { minPrice: -1 } })).toEqual(bad('minPrice must be a non-negative amount in minor units'));
    expect(await errorOf({ filter: { currency: 'euro' } })).toEqual(bad('currency must be an ISO 4217 code such as EUR'));
    expect(await errorOf({ text: 'x'.repeat(201) })).toEqual(bad('text must be at most 200 characters'));
    const page = await run({ sort: 'PRICE_ASC', first: 1 });
    const cursor = page.search.pageInfo.endCursor;
    expect(await errorOf({ sort: 'NEWEST', after: cursor, filter: { currency: shop.currency } })).toEqual(
      bad('after belongs to a different search (text, filter or sort changed)'),
    );
  });

  it('answers first: 0 with counts only', async () => {
    const data = await run({ first: 0 });
    expect(data.search.edges).toEqual([]);
    expect(data.search.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null });
    expect(data.search.totalCount).toBe(6);
  });

  it('resolves Product references without touching the database', async () => {
    const result = await search.call(ProductReferencesDocument, {
      reps: [
        { __typename: 'Product', id: shop.ids.a },
        { __typename: 'Product', id: 'unknown' },
      ],
    });
    expect(result.data).toEqual({ _entities: [{ id: shop.ids.a }, { id: 'unknown' }] });
  });
});
