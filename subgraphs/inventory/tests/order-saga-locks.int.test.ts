import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { orderTopics, type Delivery, type EventEnvelope } from '@shop/events';
import { eventually, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { inventoryModule, orderSagaHandler, type Inventory } from '../src';
import { stockLevels } from '../src/db/schema';
import { defaultLevel, inventoryOf, stockedProduct } from './helpers';
import { newOrderId, orderEvents } from './saga-helpers';

const delivery = (envelope: EventEnvelope): Delivery => ({
  envelope,
  meta: { topic: orderTopics.inventory, partition: 0, offset: '0', key: envelope.aggregateId, attempt: 1, headers: {} },
});

// PostgreSQL only: PGlite has one connection, so nothing runs side by side there.
describe('checkout saga: stock locks of a batch on postgres', () => {
  let harness: SubgraphHarness;
  let inventory: Inventory;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: inventoryModule, config: { reservationSweepIntervalMs: 0 }, backend: 'postgres' });
    inventory = inventoryOf(harness);
  });
  afterAll(() => harness.stop());

  it('a batch locks every stock row it needs first, in variant order: waiting on one variant it holds no later one', async () => {
    const db = harness.platform.database.db;
    const handler = orderSagaHandler({ db, saga: inventory.saga, afterCommit: () => {} });
    const [low, high] = [await stockedProduct(harness, 5), await stockedProduct(harness, 5)].sort() as [string, string];
    // A batch runs its effects by order id: the first order reserves the higher variant, the second the lower.
    const [first, second] = [newOrderId(), newOrderId()].sort() as [string, string];

    let release!: () => void;
    let locked!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const lowLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.transaction(async (tx) => {
      await tx.select().from(stockLevels).where(eq(stockLevels.variantId, low)).for('update');
      locked();
      await held;
    });
    await lowLocked;
    const batch = handler.batch!([
      delivery(orderEvents.reservationRequested(first, [{ productId: high, quantity: 1 }])),
      delivery(orderEvents.reservationRequested(second, [{ productId: low, quantity: 1 }])),
    ]);
    try {
      await eventually(
        async () => {
          const result = (await db.execute(
            sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
          )) as unknown as { rows: Array<{ waiting: number }> };
          return result.rows[0]!.waiting === 1;
        },
        { what: 'the batch to wait for the lower variant' },
      );
      // Had the first effect run before the locks were taken, the higher variant would be locked now
      // and the two batches of a crossed pair would deadlock.
      const free = await db.transaction((tx) =>
        tx.select({ variantId: stockLevels.variantId }).from(stockLevels).where(eq(stockLevels.variantId, high)).for('update', { skipLocked: true }),
      );
      expect(free).toEqual([{ variantId: high }]);
    } finally {
      release();
    }
    await holder;
    await batch;
    expect(await defaultLevel(inventory, low)).toEqual({ productId: low, onHand: 5, reserved: 1 });
    expect(await defaultLevel(inventory, high)).toEqual({ productId: high, onHand: 5, reserved: 1 });
  });
});
