import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { categoriesTopic, categoryChanged, productCreated, productsTopic, productUpdated, type EventEnvelope, type ProductSnapshot } from '@shop/events';
import { afterAll, beforeAll } from 'vitest';
import { countQueries as countDatabaseQueries, eventually, startSubgraphHarness, type Caller, type HarnessBackend, type SubgraphHarness } from '@shop/testkit';
import { promotionsModule } from '../src';
import { inbox, outbox } from '../src/db/schema';
import { CreatePromotionDocument, type PromotionFieldsFragment, type PromotionInput } from './__generated__/graphql';

/**
 * The promotions subgraph of one suite, started on `backend` before the suite's tests and stopped
 * after them: `promotions` stands for the running harness (use it inside tests and hooks only),
 * `products` is the catalog feeding it.
 */
export function promotionsSuite(backend: HarnessBackend, transport: 'local' | 'kafka' = 'local') {
  let running: SubgraphHarness | undefined;
  const harness = (): SubgraphHarness => {
    if (!running) throw new Error('the promotions harness runs only inside the suite (its tests and hooks)');
    return running;
  };
  beforeAll(async () => {
    running = await startSubgraphHarness({ module: promotionsModule, config: {}, backend, transport });
  });
  afterAll(() => running?.stop());
  const promotions: SubgraphHarness = {
    get url() {
      return harness().url;
    },
    get platform() {
      return harness().platform;
    },
    call: ((document: string, variables?: Record<string, unknown>, caller?: Caller) => harness().call(document, variables, caller)) as SubgraphHarness['call'],
    internalToken: (caller?: Caller) => harness().internalToken(caller),
    stop: () => harness().stop(),
  };
  return { promotions, products: catalog(promotions) };
}

export const adminCaller = () => ({ userId: randomUUID(), roles: ['customer', 'admin'] });
export const customerCaller = (userId: string = randomUUID()) => ({ userId, roles: ['customer'] });

/** Creates a promotion as an admin and returns it (fails the test on errors). */
export async function createPromotion(harness: SubgraphHarness, input: PromotionInput): Promise<PromotionFieldsFragment> {
  await knownCategories(harness, input.categoryIds ?? []);
  const result = await harness.call(CreatePromotionDocument, { input }, adminCaller());
  const created = result.data?.createPromotion;
  if (!created?.promotion) throw new Error(`createPromotion failed: ${JSON.stringify(result)}`);
  return created.promotion;
}

/** A fresh id for a product, category or coupon, so tests sharing a database never meet. */
export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
export const couponCode = () => `C${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`;

/** Announces categories as the products subgraph does (`category.changed`, slug = id) and waits until promotions has them. */
export async function knownCategories(harness: SubgraphHarness, categoryIds: readonly string[]): Promise<void> {
  for (const categoryId of categoryIds) {
    const envelope = categoryChanged.create(categoryId, { categoryId, slug: categoryId, name: categoryId, parentId: null });
    await harness.platform.transport.publish([{ topic: categoriesTopic, key: categoryId, envelope }]);
    await eventually(async () => (await harness.platform.database.db.select().from(inbox).where(eq(inbox.eventId, envelope.id))).length === 1);
  }
}

/** The catalog as promotions hears of it: product events on `shop.products`. */
export function catalog(harness: SubgraphHarness) {
  const publish = async (envelope: EventEnvelope) => {
    await harness.platform.transport.publish([{ topic: productsTopic, key: envelope.aggregateId, envelope }]);
    await eventually(async () => (await harness.platform.database.db.select().from(inbox).where(eq(inbox.eventId, envelope.id))).length === 1);
    return envelope;
  };
  const snapshot = (productId: string, categoryId: string, amount = 1000): ProductSnapshot => ({
    productId,
    sku: `SKU-${productId}`,
    name: 'Tea pot',
    categoryId,
    price: { amount, currency: 'EUR' },
    published: true,
  });
  /** A product with several variants (each `[variantId, price]`), the lowest published price as the product's. */
  const withVariants = (productId: string, categoryId: string, variants: ReadonlyArray<readonly [string, number]>): ProductSnapshot => ({
    ...snapshot(productId, categoryId, Math.min(...variants.map(([, amount]) => amount))),
    variants: variants.map(([variantId, amount], position) => ({
      variantId,
      sku: `SKU-${variantId}`,
      price: { amount, currency: 'EUR' },
      compareAtPrice: null,
      published: true,
      position,
      weightGrams: null,
      optionValues: [{ option: 'Size', value: `S${position}` }],
    })),
  });
  return {
    publish,
    withVariants,
    /** Announces a product with these variants (`[variantId, price]`) and waits until promotions has consumed it. */
    async createWithVariants(variants: ReadonlyArray<readonly [string, number]>, categoryId = unique('cat'), productId = unique('prod')) {
      await publish(productCreated.create(productId, withVariants(productId, categoryId, variants)));
      return productId;
    },
    created: (productId: string, categoryId: string) => productCreated.create(productId, snapshot(productId, categoryId)),
    updated: (productId: string, categoryId: string) => productUpdated.create(productId, snapshot(productId, categoryId)),
    /** Announces a new product and waits until promotions has consumed it. */
    async create(categoryId = unique('cat'), productId = unique('prod')) {
      await publish(productCreated.create(productId, snapshot(productId, categoryId)));
      return productId;
    },
  };
}

/** The events promotions recorded for one promotion, oldest first. */
export async function outboxFor(harness: SubgraphHarness, promotionId: string) {
  const rows = await harness.platform.database.db.select().from(outbox).where(eq(outbox.key, promotionId)).orderBy(outbox.seq);
  return rows.map((row) => ({ type: row.type, data: row.payload.data as Record<string, unknown> }));
}

/** Counts the SQL statements the subgraph runs outside transactions while `work` runs. */
export const countQueries = <T>(harness: SubgraphHarness, work: () => Promise<T>) => countDatabaseQueries(harness.platform.database.db, work);

export const codes = (result: { errors?: Array<{ message: string; extensions?: { code?: string } }> }) =>
  result.errors?.map((error) => [error.extensions?.code, error.message]);

export const eur = (amount: number) => ({ amount, currency: 'EUR' });
