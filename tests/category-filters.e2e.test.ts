import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@shop/testkit';
import { startShop } from './support/embedded-shop';
import { signInAdmin, type Actor } from './support/shop-actors';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw GraphQL responses, asserted whole

/**
 * Category filters by id and by slug through the router (products, search, promotions), each sent
 * with its arguments inline and as variables: an unknown category is a typed error, never an empty
 * result, and search's category facet names the Category (name, slug) resolved by products.
 */
describe('category filters through the router', () => {
  let shop: Awaited<ReturnType<typeof startShop>>;
  let admin: Actor;
  let category: { id: string; slug: string };
  let productId: string;
  const tag = `cf${Date.now().toString(36)}`;
  /** The response body (data and errors) of one request through the router. */
  const call = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await shop.client(query, variables, token ? { token } : {});
    expect(response.status).toBe(200);
    return { data: response.data as Data | null | undefined, errors: response.errors };
  };
  const refusal = (result: Awaited<ReturnType<typeof call>>) => result.errors?.map((e) => [e.message, e.extensions?.code, e.extensions?.argument]);

  beforeAll(async () => {
    shop = await startShop();
    admin = await signInAdmin(shop.routerUrl, shop.admin);
    const made = await call(
      `mutation { createCategory(input: { slug: "${tag}", name: "Filters ${tag}" }) { category { id slug } errors { code } } }`,
      {},
      admin.token,
    );
    category = made.data!.createCategory.category;
    const input = {
      sku: `CF-${tag}`,
      slug: `cf-${tag}`,
      name: `${tag} lamp`,
      price: { amount: 1500, currency: 'EUR' },
      categoryId: category.id,
      published: true,
    };
    const product = await call(
      'mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } errors { code } } }',
      { input },
      admin.token,
    );
    productId = product.data!.createProduct.product.id;
  });
  afterAll(() => shop?.stop());

  it('products: a category by slug, inline or as a variable; an unknown slug is BAD_USER_INPUT', async () => {
    const found = { data: { products: { edges: [{ node: { id: productId } }] } } };
    expect(await call(`{ products(filter: { categorySlug: "${tag}" }) { edges { node { id } } } }`)).toEqual(found);
    expect(await call('query($slug: String) { products(filter: { categorySlug: $slug }) { edges { node { id } } } }', { slug: tag })).toEqual(found);
    const refused = [[`No category has the slug "${tag}-nope"`, 'BAD_USER_INPUT', 'filter.categorySlug']];
    expect(refusal(await call(`{ products(filter: { categorySlug: "${tag}-nope" }) { totalCount } }`))).toEqual(refused);
    expect(
      refusal(await call('query($filter: ProductFilter) { products(filter: $filter) { totalCount } }', { filter: { categorySlug: `${tag}-nope` } })),
    ).toEqual(refused);
  });

  it('search: categories by id or slug, facets with the Category; unknown ones are BAD_USER_INPUT', async () => {
    const selection = `edges { node { id } } facets { categories { categoryId category { id name slug } count } }`;
    const bySlug = await eventually(
      async () => {
        const result = await call(`{ search(text: "${tag}", filter: { categorySlugs: ["${tag}"] }) { ${selection} } }`);
        return result.data?.search?.edges.length === 1 ? result : null;
      },
      { what: 'search to know the category and its product' },
    );
    const found = {
      data: {
        search: {
          edges: [{ node: { id: productId } }],
          facets: { categories: [{ categoryId: category.id, category: { ...category, name: `Filters ${tag}` }, count: 1 }] },
        },
      },
    };
    expect(bySlug).toEqual(found);
    expect(
      await call(`query($filter: SearchFilter) { search(text: "${tag}", filter: $filter) { ${selection} } }`, { filter: { categoryIds: [category.id] } }),
    ).toEqual(found);
    const ghost = '00000000-0000-4000-8000-000000000000';
    const byId = [[`No category has the id "${ghost}"`, 'BAD_USER_INPUT', 'filter.categoryIds']];
    expect(refusal(await call(`{ search(filter: { categoryIds: ["${ghost}"] }) { totalCount } }`))).toEqual(byId);
    expect(refusal(await call('query($ids: [ID!]) { search(filter: { categoryIds: $ids }) { totalCount } }', { ids: [ghost] }))).toEqual(byId);
    const bySlugRefused = [[`No category has the slug "${tag}-nope"`, 'BAD_USER_INPUT', 'filter.categorySlugs']];
    expect(refusal(await call(`{ search(filter: { categorySlugs: ["${tag}-nope"] }) { totalCount } }`))).toEqual(bySlugRefused);
    expect(
      refusal(await call('query($filter: SearchFilter) { search(filter: $filter) { totalCount } }', { filter: { categorySlugs: [`${tag}-nope`] } })),
    ).toEqual(bySlugRefused);
  });

  it('promotions: categories by slug are stored as ids; unknown ones are UNKNOWN_CATEGORY and nothing is created', async () => {
    const create = (categories: string) =>
      call(
        `mutation { createPromotion(input: { name: "Lamps", kind: PERCENTAGE, value: 500, ${categories} }) { promotion { categoryIds } errors { code field message } } }`,
        {},
        admin.token,
      );
    const created = await eventually(
      async () => {
        const result = await create(`categorySlugs: ["${tag}"]`);
        return result.data?.createPromotion.errors.length === 0 ? result : null;
      },
      { what: 'promotions to know the category' },
    );
    expect(created).toEqual({ data: { createPromotion: { promotion: { categoryIds: [category.id] }, errors: [] } } });
    const countPromotions = async () => (await call('{ promotions(first: 0) { totalCount } }', {}, admin.token)).data!.promotions.totalCount as number;
    const before = await countPromotions();
    const unknown = {
      data: {
        createPromotion: { promotion: null, errors: [{ code: 'UNKNOWN_CATEGORY', field: 'categorySlugs', message: `Unknown category slugs: ${tag}-nope` }] },
      },
    };
    expect(await create(`categorySlugs: ["${tag}-nope"]`)).toEqual(unknown);
    const variables = await call(
      'mutation($input: PromotionInput!) { createPromotion(input: $input) { promotion { categoryIds } errors { code field message } } }',
      { input: { name: 'Lamps', kind: 'PERCENTAGE', value: 500, categorySlugs: [`${tag}-nope`] } },
      admin.token,
    );
    expect(variables).toEqual(unknown);
    expect(await countPromotions()).toBe(before);
  });
});
