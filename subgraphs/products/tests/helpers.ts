import { randomUUID } from 'node:crypto';
import type { EventEnvelope, EventTransport } from '@shop/events';
import { startSubgraphHarness, uniqueKafkaName, type Caller, type HarnessBackend, type SubgraphHarness } from '@shop/testkit';
import { embeddedProductsConfig, productsModule, type ProductsConfig } from '../src';
import { CreateCategoryDocument, CreateProductDocument, type CreateCategoryInput, type CreateProductInput } from './__generated__/graphql';

export const admin: Caller = { userId: randomUUID(), roles: ['admin', 'customer'] };
export const customer: Caller = { userId: randomUUID(), roles: ['customer'] };
export const anonymous: Caller = {};

let sequence = 0;
/** A slug (and sku) no other test of the run uses. */
export const unique = (label: string): string => `${label}-${++sequence}-${randomUUID().slice(0, 8)}`;

export const ERRORS = 'errors { code field message }';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw GraphQL responses, asserted field by field
export type Data = Record<string, any>;

/** The operations tests use, straight to the harness's subgraph. */
function catalogClient(harness: SubgraphHarness) {
  /** A raw query string, only for what a typed operation cannot send (literals a test is about, operations read from the README). */
  const call = (query: string, variables?: Record<string, unknown>, caller?: Caller) => harness.call<Data>(query, variables, caller);
  const createCategory = async (input: Partial<CreateCategoryInput> = {}, as: Caller = admin) => {
    const result = await harness.call(CreateCategoryDocument, { input: { slug: unique('cat'), name: 'Category', ...input } }, as);
    return result.data?.createCategory?.category;
  };
  const createProductRaw = (input: CreateProductInput, as: Caller = admin) => harness.call(CreateProductDocument, { input }, as);
  const productInput = (categoryId: string, overrides: Partial<CreateProductInput> = {}): CreateProductInput => {
    const slug = unique('product');
    return { sku: `SKU-${slug}`, slug, name: `Product ${slug}`, price: { amount: 1299, currency: 'EUR' }, categoryId, ...overrides };
  };
  const createProduct = async (categoryId: string, overrides: Partial<CreateProductInput> = {}) => {
    const result = await createProductRaw(productInput(categoryId, overrides));
    if (!result.data?.createProduct?.product) throw new Error(`createProduct failed: ${JSON.stringify(result)}`);
    return result.data.createProduct.product;
  };
  return { call, createCategory, createProductRaw, productInput, createProduct };
}

export const codes = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => result.errors?.map((error) => error.extensions?.code);

/** Collects every event published on `shop.products` (a fresh consumer group reads from the start). */
async function collectProductEvents(transport: EventTransport, groupId: string): Promise<EventEnvelope[]> {
  const received: EventEnvelope[] = [];
  await transport.subscribe({ groupId, topics: ['shop.products'], handler: async (envelope) => void received.push(envelope) });
  return received;
}

export interface ProductsTestShop {
  harness: SubgraphHarness;
  client: ReturnType<typeof catalogClient>;
  /** Every event published on `shop.products` since the shop started, in order. */
  events: EventEnvelope[];
  stop(): Promise<void>;
}

export interface ProductsTestShopOptions {
  /** @default embeddedProductsConfig (the catalog in the harness's PostgreSQL) */
  config?: ProductsConfig;
  /** @default 'local' */
  transport?: 'local' | 'kafka';
}

/**
 * The products subgraph as production wires it (startSubgraphHarness on `backend`), a catalog
 * client and the events it publishes, collected by a consumer group named after `name`.
 */
export async function productsTestShop(backend: HarnessBackend, name: string, options: ProductsTestShopOptions = {}): Promise<ProductsTestShop> {
  const harness = await startSubgraphHarness({
    module: productsModule,
    config: options.config ?? embeddedProductsConfig,
    backend,
    ...(options.transport ? { transport: options.transport } : {}),
  });
  try {
    const events = await collectProductEvents(harness.platform.transport, uniqueKafkaName(name));
    return { harness, client: catalogClient(harness), events, stop: () => harness.stop() };
  } catch (error) {
    await harness.stop();
    throw error;
  }
}

export { eventually } from '@shop/testkit';
