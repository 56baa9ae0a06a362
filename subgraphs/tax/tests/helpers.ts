import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { orderTopics, orderTaxed, orderTaxRequested, type EventEnvelope, type OrderTaxed } from '@shop/events';
import { countQueries as countDatabaseQueries, eventually, type SubgraphHarness } from '@shop/testkit';
import { inbox, outbox } from '../src/db/schema';
import { ORDER_SAGA_GROUP } from '../src/events/order-saga.consumer';
import { CreateTaxRateDocument, type TaxRateFieldsFragment, type TaxRateInput } from './__generated__/graphql';

export const adminCaller = () => ({ userId: randomUUID(), roles: ['customer', 'admin'] });
export const customerCaller = () => ({ userId: randomUUID(), roles: ['customer'] });

export type Rate = TaxRateFieldsFragment;

/** Creates a rate as an admin and returns it (fails the test on errors). */
export async function createRate(tax: SubgraphHarness, input: TaxRateInput): Promise<Rate> {
  const result = await tax.call(CreateTaxRateDocument, { input }, adminCaller());
  const payload = result.data!.createTaxRate;
  if (!payload.taxRate) throw new Error(`createTaxRate failed: ${JSON.stringify(payload.errors)}`);
  return payload.taxRate;
}

/** The tax-rate.changed events recorded for one rate, oldest first. */
export async function changesOf(tax: SubgraphHarness, rateId: string) {
  const rows = await tax.platform.database.db.select().from(outbox).where(eq(outbox.key, rateId)).orderBy(outbox.seq);
  return rows.map((row) => ({ type: row.type, data: row.payload.data as Record<string, unknown> }));
}

export const codes = (result: { errors?: Array<{ message: string; extensions?: { code?: string } }> }) =>
  result.errors?.map((error) => [error.extensions?.code, error.message]);

export const eur = (amount: number) => ({ amount, currency: 'EUR' });
export const usd = (amount: number) => ({ amount, currency: 'USD' });

/** A cart line with the fields tax @requires from orders. */
export const cartLine = (lineId: string, categoryId: string, unitPrice: { amount: number; currency: string }, quantity = 1) => ({
  lineId,
  productId: `prod-${lineId}`,
  categoryId,
  quantity,
  unitPrice,
});
type Line = ReturnType<typeof cartLine>;

/** A Cart representation as the router sends it for `tax` (orders', promotions' and shipping's fields). */
export function cartRepresentation(cart: {
  id?: string;
  address: { country: string; region?: string | null } | null;
  lines: Line[];
  discounts?: Record<string, number>;
  shippingCost?: number | null;
}) {
  const currency = cart.lines[0]?.unitPrice.currency ?? null;
  return {
    __typename: 'Cart',
    id: cart.id ?? randomUUID(),
    currency,
    shippingAddress: cart.address ? { country: cart.address.country, region: cart.address.region ?? null } : null,
    lines: cart.lines,
    discount: currency
      ? { lines: cart.lines.map((line) => ({ lineId: line.lineId, amount: { amount: cart.discounts?.[line.lineId] ?? 0, currency } })) }
      : null,
    shippingCost: currency && cart.shippingCost != null ? { amount: cart.shippingCost, currency } : null,
  };
}

/**
 * Publishes the envelopes on shop.orders, then a marker event, and waits until the saga consumer
 * has taken the marker: topics deliver in order, so every envelope before it has been handled.
 */
export async function deliver(tax: SubgraphHarness, ...envelopes: EventEnvelope[]): Promise<void> {
  // Tax handles only tax requests: the marker is one for an order of its own, whose reply no test reads.
  const markerOrder = randomUUID();
  const marker = orderTaxRequested.create(markerOrder, {
    orderId: markerOrder,
    customerId: randomUUID(),
    shippingAddress: { name: 'Marker', line1: '1 Marker St', line2: null, city: 'Nowhere', region: null, postalCode: '00000', country: 'ZZ' },
    lines: [{ lineId: 'marker', productId: 'marker', categoryId: 'marker', quantity: 1, netAmount: { amount: 0, currency: 'EUR' } }],
    shippingCost: { amount: 0, currency: 'EUR' },
  });
  for (const envelope of [...envelopes, marker]) await tax.platform.transport.publish([{ topic: orderTopics.tax, key: envelope.aggregateId, envelope }]);
  const db = tax.platform.database.db;
  await eventually(
    async () =>
      (
        await db
          .select()
          .from(inbox)
          .where(and(eq(inbox.consumer, ORDER_SAGA_GROUP), eq(inbox.eventId, marker.id)))
      ).length > 0,
    {
      what: 'the saga consumer to take the marker',
    },
  );
}

/** The order.taxed replies recorded for an order. */
export async function taxReplies(tax: SubgraphHarness, orderId: string): Promise<OrderTaxed[]> {
  const rows = await tax.platform.database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.key, orderId), eq(outbox.type, orderTaxed.type)))
    .orderBy(outbox.seq);
  return rows.map((row) => orderTaxed.parse(row.payload).data);
}

/** Counts the SQL statements the subgraph runs outside transactions while `work` runs. */
export const countQueries = <T>(tax: SubgraphHarness, work: () => Promise<T>) => countDatabaseQueries(tax.platform.database.db, work);
