import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlBackends } from '@shop/testkit';
import { admin, anonymous, codes, customer, unique, productsTestShop, type ProductsTestShop } from './helpers';
import {
  CategoryIdOfDocument,
  CategoryNamesDocument,
  CategoryParentDocument,
  CategoryTreeDocument,
  CategoryWithProductsDocument,
  CreateCategoryDocument,
  ProductListingDocument,
  UpdateCategoryDocument,
  type CatalogErrorFieldsFragment,
  type CreateCategoryInput,
  type ProductFilter,
  type ProductListingQueryVariables,
  type UpdateCategoryInput,
} from './__generated__/graphql';

type Category = { id: string; slug: string };

describe.each(sqlBackends)('browsing the catalog on %s', (backend) => {
  let shop: ProductsTestShop;
  /** clothing > shirts > tees, and a separate root shoes. */
  let tree: { clothing: Category; shirts: Category; tees: Category; shoes: Category };
  let items: { coat: string; shirt: string; tee: string; dollarTee: string; hiddenTee: string; boot: string };

  beforeAll(async () => {
    shop = await productsTestShop(backend, 'browsing-test');
    const clothing = (await shop.client.createCategory({ name: 'Clothing', position: 2 }))!;
    const shoes = (await shop.client.createCategory({ name: 'Shoes', position: 1 }))!;
    const shirts = (await shop.client.createCategory({ name: 'Shirts', parentId: clothing.id }))!;
    const tees = (await shop.client.createCategory({ name: 'Tees', parentId: shirts.id }))!;
    tree = { clothing, shirts, tees, shoes };
    const make = async (category: Category, name: string, amount: number, currency = 'EUR', published = true) =>
      (await shop.client.createProduct(category.id, { name, price: { amount, currency }, published })).id;
    items = {
      coat: await make(clothing, 'Coat', 9000),
      shirt: await make(shirts, 'Shirt', 3000),
      tee: await make(tees, 'Tee', 1500),
      dollarTee: await make(tees, 'Dollar tee', 1600, 'USD'),
      hiddenTee: await make(tees, 'Hidden tee', 1000, 'EUR', false),
      boot: await make(shoes, 'Boot', 3000),
    };
  });
  afterAll(() => shop?.stop());

  const list = async (variables: ProductListingQueryVariables, caller = customer) => {
    const result = await shop.harness.call(ProductListingDocument, variables, caller);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!.products;
  };
  const names = (page: { edges: Array<{ node: { name: string } }> }) => page.edges.map((edge) => edge.node.name);

  it('filters by a category subtree (by id or slug), price range, currency and ids', async () => {
    const byPrice = { sort: 'PRICE_ASC' } as const;
    expect(names(await list({ ...byPrice, filter: { categoryId: tree.clothing.id } }))).toEqual(['Tee', 'Dollar tee', 'Shirt', 'Coat']);
    expect(names(await list({ ...byPrice, filter: { categorySlug: tree.shirts.slug } }))).toEqual(['Tee', 'Dollar tee', 'Shirt']);
    expect(names(await list({ ...byPrice, filter: { categoryId: tree.clothing.id, minPrice: 1600, maxPrice: 3000 } }))).toEqual(['Dollar tee', 'Shirt']);
    expect(names(await list({ ...byPrice, filter: { categoryId: tree.clothing.id, currency: 'USD' } }))).toEqual(['Dollar tee']);
    expect(names(await list({ ...byPrice, filter: { ids: [items.boot, items.coat, items.hiddenTee, randomUUID()] } }))).toEqual(['Boot', 'Coat']);
    expect(names(await list({ ...byPrice, filter: { categoryId: tree.tees.id } }, admin))).toEqual(['Hidden tee', 'Tee', 'Dollar tee']);
  });

  it('an unknown category id or slug, or an id that is no UUID, is BAD_USER_INPUT naming the argument, never an empty page', async () => {
    const unknownId = randomUUID();
    const refused = async (filter: ProductFilter) => {
      const result = await shop.harness.call(ProductListingDocument, { filter }, customer);
      expect(result.data).toBeNull();
      return result.errors?.map((e) => ({ message: e.message, code: e.extensions?.code, argument: e.extensions?.argument }));
    };
    expect(await refused({ categoryId: unknownId })).toEqual([
      { message: `No category has the id "${unknownId}"`, code: 'BAD_USER_INPUT', argument: 'filter.categoryId' },
    ]);
    expect(await refused({ categorySlug: 'no-such-category' })).toEqual([
      { message: 'No category has the slug "no-such-category"', code: 'BAD_USER_INPUT', argument: 'filter.categorySlug' },
    ]);
    expect(await refused({ categoryId: 'shirts' })).toEqual([
      { message: 'filter.categoryId must be a UUID', code: 'BAD_USER_INPUT', argument: 'filter.categoryId' },
    ]);
  });

  it('refuses an unknown category written inline in the query like one sent as a variable', async () => {
    // Raw on purpose: the filter is written inline as a literal, the case this test is about.
    const inline = (filter: string, selection = 'totalCount') =>
      shop.client.call(`query { products(filter: { ${filter} }, sort: PRICE_ASC) { ${selection} } }`, {}, customer);
    const refused = async (filter: string) => {
      const result = await inline(filter);
      expect(result.data).toBeNull();
      return result.errors?.map((e) => ({ message: e.message, code: e.extensions?.code, argument: e.extensions?.argument }));
    };
    const unknownId = randomUUID();
    expect(await refused(`categoryId: "${unknownId}"`)).toEqual([
      { message: `No category has the id "${unknownId}"`, code: 'BAD_USER_INPUT', argument: 'filter.categoryId' },
    ]);
    expect(await refused('categorySlug: "no-such-category"')).toEqual([
      { message: 'No category has the slug "no-such-category"', code: 'BAD_USER_INPUT', argument: 'filter.categorySlug' },
    ]);
    expect(await refused('categoryId: "shirts"')).toEqual([
      { message: 'filter.categoryId must be a UUID', code: 'BAD_USER_INPUT', argument: 'filter.categoryId' },
    ]);
    expect(await refused(`categoryId: "${tree.clothing.id}", categorySlug: "${tree.clothing.slug}"`)).toEqual([
      { message: 'Pass at most one of categoryId and categorySlug', code: 'BAD_USER_INPUT', argument: undefined },
    ]);
    const bySlug = await inline(`categorySlug: "${tree.shirts.slug}"`, 'edges { node { name } }');
    expect(bySlug).toEqual({ data: { products: { edges: ['Tee', 'Dollar tee', 'Shirt'].map((name) => ({ node: { name } })) } } });
  });

  it('sorts and pages with opaque cursors and a totalCount over all pages', async () => {
    const filter = { categoryId: tree.clothing.id };
    const first = await list({ filter, sort: 'NAME_ASC', first: 3 });
    expect(names(first)).toEqual(['Coat', 'Dollar tee', 'Shirt']);
    expect(first.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0]!.cursor, endCursor: first.edges[2]!.cursor });
    expect(first.totalCount).toBe(4);
    const second = await list({ filter, sort: 'NAME_ASC', first: 3, after: first.pageInfo.endCursor });
    expect(names(second)).toEqual(['Tee']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(second.totalCount).toBe(4);
    expect(names(await list({ filter, sort: 'PRICE_DESC' }))).toEqual(['Coat', 'Shirt', 'Dollar tee', 'Tee']);
    expect(names(await list({ filter }))).toEqual(['Dollar tee', 'Tee', 'Shirt', 'Coat']);
  });

  it('refuses bad listing arguments with BAD_USER_INPUT', async () => {
    const filter = { categoryId: tree.clothing.id };
    const { pageInfo } = await list({ filter, sort: 'PRICE_ASC', first: 1 });
    const bad: ProductListingQueryVariables[] = [
      { first: 10_000 },
      { first: 101 },
      { first: 0 },
      { after: 'not-a-cursor' },
      { after: pageInfo.endCursor, sort: 'NAME_ASC' },
      { filter: { categoryId: tree.clothing.id, categorySlug: tree.clothing.slug } },
      { filter: { minPrice: -1 } },
      { filter: { minPrice: 500, maxPrice: 100 } },
      { filter: { ids: Array.from({ length: 101 }, () => randomUUID()) } },
    ];
    for (const variables of bad)
      expect(codes(await shop.harness.call(ProductListingDocument, variables, customer)), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers the whole category tree depth first, with parents, children and subtree products', async () => {
    const mine = new Set(Object.values(tree).map((category) => category.id));
    const all = await shop.harness.call(CategoryTreeDocument, {}, anonymous);
    const ordered = all.data!.categories.filter((category) => mine.has(category.id));
    expect(ordered.map((c) => [c.name, c.parent?.id ?? null, c.children.map((child) => child.name)])).toEqual([
      ['Shoes', null, []],
      ['Clothing', null, ['Shirts']],
      ['Shirts', tree.clothing.id, ['Tees']],
      ['Tees', tree.shirts.id, []],
    ]);
    const bySlug = await shop.harness.call(CategoryWithProductsDocument, { slug: tree.shirts.slug });
    expect(bySlug.data).toEqual({
      category: {
        id: tree.shirts.id,
        name: 'Shirts',
        products: { edges: [{ node: { name: 'Tee' } }, { node: { name: 'Dollar tee' } }], totalCount: 3, pageInfo: { hasNextPage: true } },
      },
    });
    expect((await shop.harness.call(CategoryParentDocument, { id: tree.tees.id })).data).toEqual({ category: { name: 'Tees', parent: { name: 'Shirts' } } });
    expect(codes(await shop.harness.call(CategoryIdOfDocument, {}))).toEqual(['BAD_USER_INPUT']);
    expect((await shop.harness.call(CategoryIdOfDocument, { id: randomUUID() })).data).toEqual({ category: null });
    const entities = await shop.harness.call(CategoryNamesDocument, { representations: [{ __typename: 'Category', id: tree.tees.id }] });
    expect(entities.data).toEqual({ _entities: [{ name: 'Tees' }] });
  });

  it('creates and moves categories with typed errors for bad slugs, taken slugs, missing parents and cycles', async () => {
    const create = (input: Partial<CreateCategoryInput>) =>
      shop.harness.call(CreateCategoryDocument, { input: { slug: unique('c'), name: 'C', ...input } }, admin);
    const update = (id: string, input: UpdateCategoryInput) => shop.harness.call(UpdateCategoryDocument, { id, input }, admin);
    const errorsOf = (result: { data?: object | null }) =>
      (Object.values(result.data!)[0] as { errors: CatalogErrorFieldsFragment[] }).errors.map((e) => [e.code, e.field]);
    expect(errorsOf(await create({ slug: 'Bad Slug' }))).toEqual([['INVALID_SLUG', 'slug']]);
    expect(errorsOf(await create({ slug: tree.shoes.slug }))).toEqual([['SLUG_TAKEN', 'slug']]);
    expect(errorsOf(await create({ parentId: randomUUID() }))).toEqual([['INVALID_PARENT', 'parentId']]);
    expect(errorsOf(await create({ name: '' }))).toEqual([['INVALID_FIELD', 'name']]);
    const root = (await create({})).data!.createCategory.category!.id;
    const child = (await create({ parentId: root })).data!.createCategory.category!.id;
    expect(errorsOf(await update(root, { parentId: child }))).toEqual([['INVALID_PARENT', 'parentId']]);
    expect(errorsOf(await update(randomUUID(), { name: 'Nobody' }))).toEqual([['NOT_FOUND', 'id']]);
    const slug = unique('moved');
    expect((await update(child, { parentId: null, name: 'Moved', slug, position: 4 })).data).toEqual({
      updateCategory: { category: { name: 'Moved', slug, position: 4, parent: null }, errors: [] },
    });
  });
});
