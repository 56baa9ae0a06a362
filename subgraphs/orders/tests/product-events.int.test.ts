import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { createOrders, ordersModule } from '../src';
import { inbox } from '../src/db/schema';
import { catalog, createdEvent, customer, deletedEvent, newProductId, updatedEvent } from './helpers';
import { AddToCartDocument, MyCartDocument } from './__generated__/graphql';

describe.each(sqlBackends)('product events on %s', (backend) => {
  let harness: SubgraphHarness;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: ordersModule, config: {}, backend });
  });
  afterAll(() => harness.stop());

  const add = async (productId: string, quantity: number, caller: Caller) =>
    (await harness.call(AddToCartDocument, { productId, quantity }, caller)).data!.addToCart;
  const cartOf = async (caller: Caller) => (await harness.call(MyCartDocument, {}, caller)).data!.cart;

  it('records a product once however often its event arrives', async () => {
    const productId = newProductId();
    const event = createdEvent(productId, { price: { amount: 500, currency: 'EUR' } });
    await catalog(harness).publish(event);
    // A later update, then the original created event redelivered: the redelivery must not undo it.
    await catalog(harness).publish(updatedEvent(productId, { price: { amount: 700, currency: 'EUR' } }));
    await harness.platform.transport.publish([{ topic: 'shop.products', key: productId, envelope: event }]);
    await catalog(harness).publish(updatedEvent(productId, { name: 'Renamed', price: { amount: 700, currency: 'EUR' } }));
    const db = harness.platform.database.db;
    expect(await db.select().from(inbox).where(eq(inbox.eventId, event.id))).toHaveLength(1);
    expect(await createOrders(db).stores.products.find(productId)).toEqual({
      productId,
      sku: `SKU-${productId}`,
      name: 'Renamed',
      categoryId: 'kitchen',
      priceAmount: 700,
      priceCurrency: 'EUR',
      published: true,
    });
  });

  it('shows a new price in open carts on their next read', async () => {
    const shopper = customer();
    const productId = await catalog(harness).create({ price: { amount: 1000, currency: 'EUR' } });
    await add(productId, 3, shopper);
    await catalog(harness).publish(updatedEvent(productId, { price: { amount: 899, currency: 'EUR' } }));
    const cart = await cartOf(shopper);
    expect(cart.items.map((item) => item.unitPrice)).toEqual([{ amount: 899, currency: 'EUR' }]);
    expect(cart.subtotal).toEqual({ amount: 2697, currency: 'EUR' });
  });

  it('makes a product addable once published and unavailable once unpublished', async () => {
    const shopper = customer();
    const productId = await catalog(harness).create({ published: false });
    expect((await add(productId, 1, shopper)).errors.map((error) => error.code)).toEqual(['PRODUCT_UNAVAILABLE']);
    await catalog(harness).publish(updatedEvent(productId, { published: true }));
    expect((await add(productId, 1, shopper)).errors).toEqual([]);
    await catalog(harness).publish(updatedEvent(productId, { published: false }));
    expect((await add(productId, 1, shopper)).errors.map((error) => error.code)).toEqual(['PRODUCT_UNAVAILABLE']);
  });

  it('removes a deleted product from every open cart and forgets it', async () => {
    const [first, second] = [customer(), customer()];
    const doomed = await catalog(harness).create({ price: { amount: 100, currency: 'EUR' } });
    const kept = await catalog(harness).create({ price: { amount: 40, currency: 'EUR' } });
    await add(doomed, 2, first);
    await add(kept, 1, first);
    await add(doomed, 5, second);
    await catalog(harness).publish(deletedEvent(doomed));
    const firstCart = await cartOf(first);
    expect(firstCart.items.map((item) => item.product.id)).toEqual([kept]);
    expect(firstCart.subtotal).toEqual({ amount: 40, currency: 'EUR' });
    expect(await cartOf(second)).toMatchObject({ items: [], subtotal: null, currency: null });
    expect((await add(doomed, 1, first)).errors.map((error) => error.code)).toEqual(['UNKNOWN_PRODUCT']);
  });
});
