import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { inventoryModule, type Inventory } from '../src';
import { inbox, reservationItems } from '../src/db/schema';
import { admin, catalog, createdEvent, deletedEvent, inventoryOf, newProductId, stockedProduct } from './helpers';
import { AdjustStockDocument } from './__generated__/graphql';

describe.each(sqlBackends)('product events and the expiry sweeper on %s', (backend) => {
  let harness: SubgraphHarness;
  let inventory: Inventory;

  beforeAll(async () => {
    // A short sweep interval so the sweeper's own tick releases the expired reservation below.
    harness = await startSubgraphHarness({ module: inventoryModule, config: { reservationSweepIntervalMs: 50 }, backend });
    inventory = inventoryOf(harness);
  });
  afterAll(() => harness.stop());

  it('creates one stock row however often product.created arrives', async () => {
    const productId = newProductId();
    const event = createdEvent(productId);
    await catalog(harness).publish(event);
    await harness.call(AdjustStockDocument, { input: { productId, delta: 4, idempotencyKey: randomUUID() } }, admin());
    // The same event redelivered, then a second product.created for the same product.
    await harness.platform.transport.publish([{ topic: 'shop.products', key: productId, envelope: event }]);
    await catalog(harness).publish(createdEvent(productId));
    const db = harness.platform.database.db;
    expect(await db.select().from(inbox).where(eq(inbox.eventId, event.id))).toHaveLength(1);
    expect(await inventory.stores.stock.findByIds([productId])).toEqual([{ variantId: productId, productId, onHand: 4, reserved: 0 }]);
  });

  it('drops the stock row and its reservation items on product.deleted', async () => {
    const productId = await stockedProduct(harness, 3);
    const other = await stockedProduct(harness, 3);
    const held = await inventory.reservations.reserve({
      reservationId: randomUUID(),
      orderId: 'order-1',
      items: [
        { productId, quantity: 1 },
        { productId: other, quantity: 1 },
      ],
      ttlSeconds: 600,
    });
    await catalog(harness).publish(deletedEvent(productId));
    expect(await inventory.stores.stock.findByIds([productId, other])).toEqual([{ variantId: other, productId: other, onHand: 3, reserved: 1 }]);
    const items = await harness.platform.database.db.select().from(reservationItems).where(eq(reservationItems.reservationId, held.reservation!.id));
    expect(items).toEqual([{ reservationId: held.reservation!.id, variantId: other, productId: other, quantity: 1 }]);
    expect((await inventory.reservations.release(held.reservation!.id)).reservation?.status).toBe('released');
    expect(await inventory.stores.stock.findByIds([other])).toEqual([{ variantId: other, productId: other, onHand: 3, reserved: 0 }]);
  });

  it('the sweeper releases a reservation once it has expired', async () => {
    const productId = await stockedProduct(harness, 2);
    const held = await inventory.reservations.reserve(
      { reservationId: randomUUID(), orderId: 'order-2', items: [{ productId, quantity: 2 }], ttlSeconds: 1 },
      new Date(Date.now() - 5_000),
    );
    await eventually(async () => (await inventory.stores.reservations.find(held.reservation!.id))?.status === 'expired');
    expect(await inventory.stores.stock.findByIds([productId])).toEqual([{ variantId: productId, productId, onHand: 2, reserved: 0 }]);
  });
});
