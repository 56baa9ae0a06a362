import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { notificationsModule } from '../src';
import { notifications } from '../src/db/schema';
import { events, feed } from './helpers';

/** Services mode: order events arrive over real Kafka (consumer group `notifications`). */
describe('notifications on PostgreSQL + Kafka', () => {
  let harness: SubgraphHarness;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: notificationsModule, config: {}, backend: 'postgres', transport: 'kafka' });
  });
  afterAll(() => harness?.stop());

  it('an order.confirmed published on shop.orders makes its customer’s notification', async () => {
    const customerId = randomUUID();
    const confirmed = events.confirmed(customerId, randomUUID(), 2599);
    await feed(harness).send(confirmed);
    const mine = () => harness.platform.database.db.select().from(notifications).where(eq(notifications.recipientId, customerId));
    await eventually(async () => (await mine()).length > 0, 60_000);
    expect((await mine()).map((row) => [row.kind, row.orderId, row.sourceEventId, row.title, row.body, row.readAt])).toEqual([
      [
        'ORDER_CONFIRMED',
        confirmed.aggregateId,
        confirmed.id,
        'Order confirmed',
        `Your order #${confirmed.aggregateId.slice(0, 8)} is confirmed. Total: €25.99.`,
        null,
      ],
    ]);
  });
});
