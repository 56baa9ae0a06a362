import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { inventoryTopic, productCreated, productDeleted, productsTopic, stockChanged, type EventEnvelope, type StockChanged } from '@shop/events';
import { eventually, type SubgraphHarness } from '@shop/testkit';
import { inbox } from '../src/db/schema';
import { createInventory, type Inventory } from '../src';
import { AdjustStockDocument } from './__generated__/graphql';

/** The inventory of a harness: the same stores and services the subgraph runs, on its database. */
export const inventoryOf = (harness: SubgraphHarness): Inventory => createInventory(harness.platform.database.db);

export const newProductId = () => `prod-${randomUUID()}`;

export const createdEvent = (productId: string) =>
  productCreated.create(productId, {
    productId,
    sku: `SKU-${productId}`,
    name: 'Tea pot',
    categoryId: 'kitchen',
    price: { amount: 2599, currency: 'EUR' },
    published: true,
  });

export const deletedEvent = (productId: string) => productDeleted.create(productId, { productId });

/** The catalog as inventory hears of it: product events on `shop.products`. */
export function catalog(harness: SubgraphHarness) {
  const consumed = async (eventId: string) => (await harness.platform.database.db.select().from(inbox).where(eq(inbox.eventId, eventId))).length === 1;
  const publish = async (envelope: EventEnvelope) => {
    await harness.platform.transport.publish([{ topic: productsTopic, key: envelope.aggregateId, envelope }]);
    await eventually(() => consumed(envelope.id));
    return envelope;
  };
  return {
    publish,
    /** Announces a new product and waits until inventory has consumed it. */
    async create(productId = newProductId()) {
      await publish(createdEvent(productId));
      return productId;
    },
  };
}

export const admin = (userId: string = randomUUID()) => ({ userId, roles: ['customer', 'admin'] });
export const customer = (userId: string = randomUUID()) => ({ userId, roles: ['customer'] });

export const productRefs = (ids: string[]) => ids.map((id) => ({ __typename: 'Product', id }));

/** A product with `units` on hand, through the admin mutation as in production. */
export async function stockedProduct(harness: SubgraphHarness, units: number): Promise<string> {
  const productId = await catalog(harness).create();
  if (units > 0) {
    const result = await harness.call(AdjustStockDocument, { input: { productId, delta: units, idempotencyKey: randomUUID() } }, admin());
    if (!result.data) throw new Error(`seeding stock failed: ${JSON.stringify(result.errors)}`);
  }
  return productId;
}

/** Collects every `stock.changed` the subgraph publishes, from now on. */
export async function stockEvents(harness: SubgraphHarness) {
  const received: Array<EventEnvelope<StockChanged>> = [];
  await harness.platform.transport.subscribe({
    groupId: `stock-reader-${randomUUID()}`,
    topics: [inventoryTopic],
    handler: async (envelope) => {
      // The topic also carries the saga's replies (keyed by order id).
      if (stockChanged.matches(envelope)) received.push(stockChanged.parse(envelope));
    },
  });
  return {
    for: (productId: string) => received.filter((event) => event.aggregateId === productId).map((event) => event.data),
  };
}

/**
 * The stock row of a product without options: its one (default) variant has the product's id.
 * Answers it without the variant id after checking that.
 */
export async function defaultLevel(inventory: Inventory, productId: string) {
  const [row] = await inventory.stores.stock.findByIds([productId]);
  if (!row) return undefined;
  if (row.variantId !== productId || row.productId !== productId) throw new Error(`not a default variant: ${JSON.stringify(row)}`);
  return { productId, onHand: row.onHand, reserved: row.reserved };
}
