import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminOrdersDocument, type OrderStatus } from './__generated__/graphql';
import { openShop, placeOrder, shopperWithCart, stockedProduct, stockOf } from './support/checkout-actors';
import { startOwnKafka, type OwnKafka } from './support/own-kafka';
import { signInAdmin, type Actor } from './support/shop-actors';
import { startServicesShop } from '../scripts/services-shop';

type Shop = Awaited<ReturnType<typeof startServicesShop>>;
type Shopper = Awaited<ReturnType<typeof shopperWithCart>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CHECKOUTS = 100;
const PLACED_BEFORE_OUTAGE = 40;
const OUTAGE_MS = 30_000;
const PRODUCTS = 4;
const STOCK_EACH = 50;
const PRICE = 2000;

/** Runs `task` over `items`, `width` at a time, keeping the results in order. */
async function inBatches<T, R>(items: T[], width: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) {
    results.push(...(await Promise.all(items.slice(start, start + width).map((item, i) => task(item, start + i)))));
  }
  return results;
}

describe('checkout while Kafka is stopped for 30 s', () => {
  let kafka: OwnKafka;
  let shop: Shop;
  let admin: Actor;
  let products: string[];
  let shoppers: Shopper[];

  const ordersWith = async (status?: OrderStatus) =>
    (await shop.client(AdminOrdersDocument, { first: CHECKOUTS, ...(status ? { status } : {}) }, { token: admin.token })).data!.orders;

  beforeAll(async () => {
    // A broker of this file's own: the one the other test files share keeps running.
    kafka = await startOwnKafka('outage', 19192);
    // All 100 orders with their histories in one admin page cost about 7 100: above the default 5 000.
    shop = await startServicesShop({ kafkaBrokers: kafka.brokers, router: { rateLimit: { max: 0 }, limits: { maxCost: 10_000 } } });
    admin = await signInAdmin(shop.routerUrl, shop.admin);
    const { categoryId } = await openShop(shop.client, admin);
    products = [];
    for (let i = 0; i < PRODUCTS; i++) products.push(await stockedProduct(shop.client, admin, categoryId, PRICE, STOCK_EACH));
    shoppers = await inBatches(
      Array.from({ length: CHECKOUTS }, (_, i) => products[i % PRODUCTS]!),
      10,
      (product) => shopperWithCart(shop.client, shop.routerUrl, [[product, 1]]),
    );
  }, 300_000);
  afterAll(async () => {
    await shop?.stop();
    await kafka?.remove();
  }, 120_000);

  it('ends every one of 100 checkouts CONFIRMED within two minutes of its return, each effect once', async () => {
    const place = (batch: Shopper[]) => inBatches(batch, 10, ({ shopper, cartId }) => placeOrder(shop.client, shopper, cartId));
    const placedBefore = await place(shoppers.slice(0, PLACED_BEFORE_OUTAGE));

    // Stop Kafka with sagas under way: once the first of these orders is confirmed, others are midway.
    await expect.poll(async () => (await ordersWith('CONFIRMED')).totalCount, { timeout: 60_000, interval: 200 }).toBeGreaterThan(0);
    const atStop = (await ordersWith()).edges.map((edge) => edge.node.status);
    expect(atStop.filter((status) => status !== 'PENDING' && status !== 'CONFIRMED').length).toBeGreaterThan(0);
    await kafka.stop();
    const stoppedAt = Date.now();
    // Orders are accepted while Kafka is away: placeOrder only writes the order and its outbox row.
    const placedDuring = await place(shoppers.slice(PLACED_BEFORE_OUTAGE));
    await sleep(OUTAGE_MS - (Date.now() - stoppedAt));

    // Nothing moved without Kafka: every order placed during the outage is still PENDING.
    const pending = new Set((await ordersWith('PENDING')).edges.map((edge) => edge.node.id));
    expect(placedDuring.filter((id) => !pending.has(id))).toEqual([]);

    await kafka.start();
    const returnedAt = Date.now();
    for (;;) {
      const all = await ordersWith();
      if (all.edges.every((edge) => edge.node.status === 'CONFIRMED' || edge.node.status === 'CANCELLED')) break;
      if (Date.now() - returnedAt > 120_000) {
        const counts = new Map<string, number>();
        for (const { node } of all.edges) counts.set(node.status, (counts.get(node.status) ?? 0) + 1);
        throw new Error(`two minutes after Kafka returned, orders are ${JSON.stringify(Object.fromEntries(counts))}`);
      }
      await sleep(1_000);
    }

    const orders = await ordersWith();
    expect(orders.totalCount).toBe(CHECKOUTS);
    expect(new Set(orders.edges.map((edge) => edge.node.id))).toEqual(new Set([...placedBefore, ...placedDuring]));
    for (const { node } of orders.edges) {
      expect(node.status).toBe('CONFIRMED');
      expect(node.statusHistory.map((entry) => entry.status)).toEqual(['PENDING', 'PRICED', 'STOCK_RESERVED', 'PAID', 'CONFIRMED']);
      expect(node.payment).toEqual({ status: 'CAPTURED', capturedAmount: { amount: node.total!.amount } });
    }
    // Each product sold exactly its 25 orders, once each.
    for (const product of products) {
      await expect.poll(() => stockOf(shop.client, product), { timeout: 30_000 }).toBe(STOCK_EACH - CHECKOUTS / PRODUCTS);
    }
  }, 300_000);
});
