import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaTransport, namespacedTransport, decodeDeadLetterHeaders, orderTopics, type EventEnvelope } from '@shop/events';
import { ORDER_SAGA_GROUP } from '@shop/inventory';
import { ORDER_SAGA_GROUP as PAYMENTS_SAGA_GROUP } from '@shop/payments';
import { fastKafkaConsumer, testKafkaBrokers } from '@shop/testkit';
import { MyNotificationsDocument, StockMovementsDocument } from './__generated__/graphql';
import { openCheckoutShop, openShop, orderWhen, placeOrder, shopperWithCart, stockedProduct, stockOf } from './support/checkout-actors';
import { consumerGroupDownUntil, duplicatingTransport, withoutConsumerGroup } from './support/faulty-transports';
import { startInventoryProcess, type ParticipantProcess } from './support/participant-process';
import { startServicesShop } from '../scripts/services-shop';
import { signInAdmin, type Actor } from './support/shop-actors';

type Shop = Awaited<ReturnType<typeof startServicesShop>>;

async function checkout(shop: Shop, admin: Actor, categoryId: string) {
  const product = await stockedProduct(shop.client, admin, categoryId, 2000, 5);
  const { shopper, cartId } = await shopperWithCart(shop.client, shop.routerUrl, [[product, 2]]);
  const orderId = await placeOrder(shop.client, shopper, cartId);
  return { product, shopper, orderId, order: await orderWhen(shop.client, shopper, orderId, ['CONFIRMED', 'CANCELLED']) };
}

/** Every effect of a confirmed 2 x 20.00 order happened exactly once. */
async function expectEffectsOnce(shop: Shop, admin: Actor, run: Awaited<ReturnType<typeof checkout>>) {
  expect(run.order.status).toBe('CONFIRMED');
  expect(run.order.statusHistory.map((entry) => entry.status)).toEqual(['PENDING', 'PRICED', 'STOCK_RESERVED', 'PAID', 'CONFIRMED']);
  expect(run.order.payment).toMatchObject({ status: 'CAPTURED', capturedAmount: { amount: run.order.total!.amount } });
  await expect.poll(() => stockOf(shop.client, run.product), { timeout: 30_000 }).toBe(3);
  await expect
    .poll(
      async () =>
        (await shop.client(StockMovementsDocument, { productId: run.product }, { token: admin.token })).data!.stockMovements.edges.map((e) => [
          e.node.kind,
          e.node.delta,
        ]),
      { timeout: 30_000 },
    )
    .toEqual([
      ['SALE', -2],
      ['ADJUSTMENT', 5],
    ]);
  await expect
    .poll(
      async () =>
        (await shop.client(MyNotificationsDocument, {}, { token: run.shopper.token })).data!.me!.notifications.edges.map((e) => [e.node.kind, e.node.orderId]),
      { timeout: 30_000 },
    )
    .toEqual([['ORDER_CONFIRMED', run.orderId]]);
}

describe('checkout when Kafka delivers every event twice', () => {
  let shop: Shop;
  let admin: Actor;
  let categoryId: string;
  beforeAll(async () => {
    shop = await startServicesShop({ wrapTransport: duplicatingTransport });
    admin = await signInAdmin(shop.routerUrl, shop.admin);
    ({ categoryId } = await openShop(shop.client, admin));
  });
  afterAll(() => shop?.stop());

  it('still has every effect once: one status each, one sale, one capture, one notification', async () => {
    await expectEffectsOnce(shop, admin, await checkout(shop, admin, categoryId));
  });
});

describe('checkout when the inventory process is killed after its commit and before its offset commit', () => {
  let shop: Shop;
  let admin: Actor;
  let categoryId: string;
  let inventory: ParticipantProcess | undefined;
  beforeAll(async () => {
    // The checkout saga's inventory side runs only in a process of its own, which the test kills.
    shop = await startServicesShop({ wrapTransport: (inner) => withoutConsumerGroup(inner, ORDER_SAGA_GROUP) });
    admin = await signInAdmin(shop.routerUrl, shop.admin);
    ({ categoryId } = await openShop(shop.client, admin));
  });
  afterAll(async () => {
    await inventory?.stop();
    await shop?.stop();
  });

  it('completes the saga with the stock taken once after SIGKILLs following the reservation and the sale commits', async () => {
    const startInventory = (killAfterCommitOf?: string) =>
      startInventoryProcess({
        databaseUrl: shop.databaseUrl('inventory')!,
        brokers: testKafkaBrokers(),
        namespace: shop.namespace,
        ...(killAfterCommitOf ? { killAfterCommitOf } : {}),
      });
    inventory = await startInventory('order.stock-reservation-requested');
    const product = await stockedProduct(shop.client, admin, categoryId, 2000, 5);
    const { shopper, cartId } = await shopperWithCart(shop.client, shop.routerUrl, [[product, 2]]);
    const orderId = await placeOrder(shop.client, shopper, cartId);
    expect(await inventory.exited).toBe('SIGKILL');
    // Restarted, it is handed the reservation again (its offset was never committed), then dies after committing the sale.
    inventory = await startInventory('order.confirmed');
    expect(await inventory.exited).toBe('SIGKILL');
    inventory = await startInventory();
    const order = await orderWhen(shop.client, shopper, orderId, ['CONFIRMED', 'CANCELLED']);
    await expectEffectsOnce(shop, admin, { product, shopper, orderId, order });
  }, 180_000);
});

describe('checkout when the stock hold expires before payment', () => {
  let shop: Shop;
  let admin: Actor;
  let categoryId: string;
  let paymentsBack!: () => void;
  beforeAll(async () => {
    // Payments is down (its consumer group joins later) while inventory holds stock for 2 s only.
    const back = new Promise<void>((resolve) => (paymentsBack = resolve));
    shop = await startServicesShop({
      wrapTransport: (inner) => consumerGroupDownUntil(inner, PAYMENTS_SAGA_GROUP, back),
      subgraphConfig: { inventory: { reservationTtlSeconds: 2, reservationSweepIntervalMs: 200 } },
    });
    admin = await signInAdmin(shop.routerUrl, shop.admin);
    ({ categoryId } = await openShop(shop.client, admin));
  });
  afterAll(async () => {
    paymentsBack();
    await shop?.stop();
  });

  it('cancels the order RESERVATION_EXPIRED, frees the units once and refunds the capture that comes late', async () => {
    const product = await stockedProduct(shop.client, admin, categoryId, 2000, 5);
    const { shopper, cartId } = await shopperWithCart(shop.client, shop.routerUrl, [[product, 2]]);
    const orderId = await placeOrder(shop.client, shopper, cartId);
    const cancelled = await orderWhen(shop.client, shopper, orderId, ['CANCELLED', 'CONFIRMED']);
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.cancellation).toEqual({
      code: 'RESERVATION_EXPIRED',
      reason: 'The items were held for too long before payment completed; any charge has been refunded.',
    });
    expect(cancelled.statusHistory.map((entry) => entry.status)).toEqual(['PENDING', 'PRICED', 'STOCK_RESERVED', 'CANCELLED']);
    // The expiry released the hold; the cancellation that followed released nothing more.
    await expect.poll(() => stockOf(shop.client, product), { timeout: 30_000 }).toBe(5);

    // Payments comes back and works through its backlog: the request (a capture), then the cancellation (its refund).
    paymentsBack();
    const total = cancelled.total!.amount;
    await expect
      .poll(async () => (await orderWhen(shop.client, shopper, orderId, ['CANCELLED'])).payment, { timeout: 60_000 })
      .toEqual({ status: 'REFUNDED', amount: { amount: total }, capturedAmount: { amount: total }, refundedAmount: { amount: total } });
    const after = await orderWhen(shop.client, shopper, orderId, ['CANCELLED']);
    expect(after.statusHistory.map((entry) => entry.status)).toEqual(['PENDING', 'PRICED', 'STOCK_RESERVED', 'CANCELLED']);
    expect(await stockOf(shop.client, product)).toBe(5);
    const movements = await shop.client(StockMovementsDocument, { productId: product }, { token: admin.token });
    expect(movements.data!.stockMovements.edges.map((e) => [e.node.kind, e.node.delta])).toEqual([['ADJUSTMENT', 5]]);
  }, 120_000);
});

describe("checkout with a poison event on the inventory's orders topic", () => {
  let shop: Shop;
  let admin: Actor;
  let categoryId: string;
  beforeAll(async () => {
    ({ shop, admin, categoryId } = await openCheckoutShop());
  });
  afterAll(() => shop?.stop());

  it('dead-letters the malformed event with its error and keeps completing later orders', async () => {
    const kafka = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: `${shop.namespace}-poison`, consumer: fastKafkaConsumer });
    const raw = namespacedTransport(kafka, shop.namespace);
    const poison = {
      id: '5f4a3b2c-1d0e-4f9a-8b7c-6d5e4f3a2b1c',
      type: 'order.stock-reservation-requested',
      aggregateId: 'o-1',
      occurredAt: new Date().toISOString(),
      version: 1,
      data: { orderId: 'o-1', items: [] },
    };
    await raw.publish([{ topic: orderTopics.inventory, key: 'o-1', envelope: poison as EventEnvelope }]);
    const dead: Array<{ id: string; group: string; error: string }> = [];
    await raw.subscribe({
      groupId: 'dlq-reader',
      topics: [`${orderTopics.inventory}.dlq`],
      handler: async (envelope, meta) => {
        const info = decodeDeadLetterHeaders(meta.headers);
        dead.push({ id: envelope.id, group: info.group, error: info.error });
      },
    });
    await expect
      .poll(() => dead.find((entry) => entry.group === `${shop.namespace}.inventory-saga`), { timeout: 60_000 })
      .toMatchObject({
        id: poison.id,
        error: expect.stringContaining('items'),
      });
    const run = await checkout(shop, admin, categoryId);
    expect(run.order.status).toBe('CONFIRMED');
    await kafka.close();
  });
});
