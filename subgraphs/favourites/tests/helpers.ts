import { eventually } from '@shop/testkit';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { productCreated, productDeleted, productsTopic, type EventEnvelope } from '@shop/events';
import type { SubgraphHarness } from '@shop/testkit';
import { inbox, outbox } from '../src/db/schema';

/** The catalog as favourites hears of it: product events on `shop.products`. */
export function catalog(harness: SubgraphHarness) {
  const publish = async (envelope: EventEnvelope) => {
    await harness.platform.transport.publish([{ topic: productsTopic, key: envelope.aggregateId, envelope }]);
    await eventually(async () => (await harness.platform.database.db.select().from(inbox).where(eq(inbox.eventId, envelope.id))).length === 1);
    return envelope;
  };
  return {
    publish,
    /** Announces a new product and waits until favourites has consumed it. */
    async create(productId = `prod-${randomUUID()}`) {
      await publish(
        productCreated.create(productId, {
          productId,
          sku: `SKU-${productId}`,
          name: 'Tea pot',
          categoryId: 'kitchen',
          price: { amount: 2599, currency: 'EUR' },
          published: true,
        }),
      );
      return productId;
    },
    deleted: (productId: string) => productDeleted.create(productId, { productId }),
  };
}

/** The events favourites recorded for one user, oldest first. */
export async function outboxFor(harness: SubgraphHarness, userId: string) {
  const rows = await harness.platform.database.db.select().from(outbox).where(eq(outbox.key, userId)).orderBy(outbox.seq);
  return rows.map((row) => ({ type: row.type, data: row.payload.data }));
}

export const customer = (userId: string) => ({ userId, roles: ['customer'] });
export const admin = () => ({ userId: randomUUID(), roles: ['customer', 'admin'] });

export const userRef = (id: string) => [{ __typename: 'User', id }];
