import { randomUUID } from 'node:crypto';
import type { EventEnvelope, EventTransport } from '@shop/events';
import type { Caller, SubgraphHarness } from '@shop/testkit';

export const admin: Caller = { userId: randomUUID(), roles: ['admin', 'customer'] };
export const customer: Caller = { userId: randomUUID(), roles: ['customer'] };
export const anonymous: Caller = {};

let sequence = 0;
/** A slug (and sku) no other test of the run uses. */
export const unique = (label: string): string => `${label}-${++sequence}-${randomUUID().slice(0, 8)}`;

export const PRODUCT_FIELDS = `id sku slug name description price { amount currency } category { id slug }
  images { url alt } attributes { name value } published createdAt updatedAt version`;
export const ERRORS = 'errors { code field message }';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw GraphQL responses, asserted field by field
export type Data = Record<string, any>;

/** The operations tests use, against either a harness or a services-mode server. */
export function catalogClient(call: (query: string, variables?: Record<string, unknown>, caller?: Caller) => Promise<{ data?: Data; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>) {
  const createCategory = async (input: Record<string, unknown> = {}, as: Caller = admin) => {
    const result = await call(`mutation($input: CreateCategoryInput!) { createCategory(input: $input) { category { id slug name position parent { id } } ${ERRORS} } }`, { input: { slug: unique('cat'), name: 'Category', ...input } }, as);
    return result.data?.createCategory?.category as { id: string; slug: string } | null;
  };
  const createProductRaw = (input: Record<string, unknown>, as: Caller = admin) =>
    call(`mutation($input: CreateProductInput!) { createProduct(input: $input) { product { ${PRODUCT_FIELDS} } ${ERRORS} } }`, { input }, as);
  const productInput = (categoryId: string, overrides: Record<string, unknown> = {}) => {
    const slug = unique('product');
    return { sku: `SKU-${slug}`, slug, name: `Product ${slug}`, price: { amount: 1299, currency: 'EUR' }, categoryId, ...overrides };
  };
  const createProduct = async (categoryId: string, overrides: Record<string, unknown> = {}) => {
    const result = await createProductRaw(productInput(categoryId, overrides));
    if (!result.data?.createProduct?.product) throw new Error(`createProduct failed: ${JSON.stringify(result)}`);
    return result.data.createProduct.product as { id: string; slug: string; sku: string; version: number; published: boolean };
  };
  return { call, createCategory, createProductRaw, productInput, createProduct };
}

export const harnessClient = (harness: SubgraphHarness) => catalogClient((query, variables, caller) => harness.call<Data>(query, variables, caller));

export const codes = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => result.errors?.map((error) => error.extensions?.code);

/** Collects every event published on `shop.products` (a fresh consumer group reads from the start). */
export async function collectProductEvents(transport: EventTransport, groupId: string): Promise<EventEnvelope[]> {
  const received: EventEnvelope[] = [];
  await transport.subscribe({ groupId, topics: ['shop.products'], handler: async (envelope) => void received.push(envelope) });
  return received;
}

export { eventually } from '@shop/testkit';
