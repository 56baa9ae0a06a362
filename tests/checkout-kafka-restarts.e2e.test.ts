import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@shop/db';
import { openShop, placeOrder, shopperWithCart, stockedProduct, stockOf } from './support/checkout-actors';
import { startOwnKafka, type OwnKafka } from './support/own-kafka';
import { signInAdmin, type Actor } from './support/shop-actors';
import { startServicesShop } from '../scripts/services-shop';

type Shop = Awaited<ReturnType<typeof startServicesShop>>;
type Shopper = Awaited<ReturnType<typeof shopperWithCart>> & { product: string; declined: boolean };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const WAVES = 4;
const PER_WAVE = 15;
const AMPLE = 40;
const SCARCE = 6;
const PRICE = 2000;

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const uuids = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * Several broker restarts, each while checkouts are under way (requests, replies and outbox rows in
 * flight, consumer groups rejoining), and orders placed while the broker is down. The scarce
 * product has fewer units than orders and some shoppers' cards are declined, so compensation runs
 * across restarts too. Read straight from the subgraphs' databases: each order's outcome, charges
 * and stock.
 */
describe('checkout while the Kafka broker restarts three times', () => {
  let kafka: OwnKafka;
  let shop: Shop;
  let admin: Actor;
  let ample: string;
  let scarce: string;
  let shoppers: Shopper[];
  let ordersDb: DatabaseHandle;
  let paymentsDb: DatabaseHandle;

  beforeAll(async () => {
    // A broker of this file's own, on ports of its own (the outage test uses 19192/19193).
    kafka = await startOwnKafka('restarts', 19292);
    shop = await startServicesShop({ kafkaBrokers: kafka.brokers, router: { rateLimit: { max: 0 } } });
    admin = await signInAdmin(shop.routerUrl, shop.admin);
    const { categoryId } = await openShop(shop.client, admin);
    ample = await stockedProduct(shop.client, admin, categoryId, PRICE, AMPLE);
    scarce = await stockedProduct(shop.client, admin, categoryId, PRICE, SCARCE);
    // Every third shopper wants the scarce product; every fifth of the others has a declined card.
    const plan = Array.from({ length: WAVES * PER_WAVE }, (_, i) => ({ product: i % 3 === 0 ? scarce : ample, declined: i % 3 !== 0 && i % 5 === 0 }));
    shoppers = [];
    for (let start = 0; start < plan.length; start += 10) {
      const batch = plan.slice(start, start + 10);
      shoppers.push(...(await Promise.all(batch.map(async (p) => ({ ...p, ...(await shopperWithCart(shop.client, shop.routerUrl, [[p.product, 1]])) })))));
    }
    ordersDb = await openDatabase({ driver: 'postgres', url: shop.databaseUrl('orders')!, maxConnections: 1 });
    paymentsDb = await openDatabase({ driver: 'postgres', url: shop.databaseUrl('payments')!, maxConnections: 1 });
  }, 300_000);
  afterAll(async () => {
    await ordersDb?.close();
    await paymentsDb?.close();
    await shop?.stop();
    await kafka?.remove();
  }, 120_000);

  const statuses = async (ids: string[]) =>
    rowsOf<{ id: string; status: string; cancel_code: string | null }>(
      await ordersDb.db.execute(sql`select id, status, cancel_code from orders.orders where id = any(${uuids(ids)}::uuid[])`),
    );

  it('ends every order CONFIRMED or correctly CANCELLED, each charged at most once, no unit of stock lost', async () => {
    const placed: Array<{ id: string; shopper: Shopper }> = [];
    const place = async (wave: Shopper[]) => {
      const ids = await Promise.all(wave.map((s) => placeOrder(shop.client, s.shopper, s.cartId, s.declined ? 'tok_chargeDeclined' : 'tok_visa')));
      ids.forEach((id, i) => placed.push({ id, shopper: wave[i]! }));
    };
    const waves = Array.from({ length: WAVES }, (_, w) => shoppers.slice(w * PER_WAVE, (w + 1) * PER_WAVE));

    await place(waves[0]!);
    for (let restart = 1; restart < WAVES; restart++) {
      // Stop with the latest wave's sagas under way (after a restart: resumed from the backlog).
      const latest = placed.slice(-PER_WAVE).map((p) => p.id);
      await expect.poll(async () => (await statuses(latest)).some((o) => o.status !== 'PENDING'), { timeout: 120_000, interval: 100 }).toBe(true);
      await kafka.stop();
      // Orders are accepted while the broker is away; their sagas start once it is back.
      await place(waves[restart]!);
      await kafka.start();
    }

    const ids = placed.map((p) => p.id);
    const terminal = (status: string) => status === 'CONFIRMED' || status === 'CANCELLED';
    const deadline = Date.now() + 180_000;
    let orders = await statuses(ids);
    while (!orders.every((o) => terminal(o.status))) {
      if (Date.now() > deadline) {
        const counts: Record<string, number> = {};
        for (const o of orders) counts[o.status] = (counts[o.status] ?? 0) + 1;
        throw new Error(`three minutes after the last restart, orders are ${JSON.stringify(counts)}`);
      }
      await sleep(500);
      orders = await statuses(ids);
    }

    const byId = new Map(orders.map((o) => [o.id, o]));
    expect(byId.size).toBe(WAVES * PER_WAVE);
    const outcome = (id: string) => {
      const o = byId.get(id)!;
      return o.status === 'CONFIRMED' ? 'CONFIRMED' : `CANCELLED ${o.cancel_code}`;
    };
    // Declined cards cancel PAYMENT_DECLINED; every other order of the ample product confirms.
    for (const { id, shopper } of placed.filter((p) => p.shopper.product === ample)) {
      expect([id, outcome(id)]).toEqual([id, shopper.declined ? 'CANCELLED PAYMENT_DECLINED' : 'CONFIRMED']);
    }
    // The scarce product sells exactly its units; the rest of its orders cancel OUT_OF_STOCK.
    const scarceOutcomes = placed.filter((p) => p.shopper.product === scarce).map((p) => outcome(p.id));
    expect(scarceOutcomes.filter((o) => o === 'CONFIRMED')).toHaveLength(SCARCE);
    expect(scarceOutcomes.filter((o) => o !== 'CONFIRMED')).toEqual(Array(scarceOutcomes.length - SCARCE).fill('CANCELLED OUT_OF_STOCK'));

    // Charges: one capture of the order's total per confirmed order, none for any cancelled one.
    const captures = rowsOf<{ order_id: string; captures: number; captured: number }>(
      await paymentsDb.db.execute(sql`
        select p.order_id, count(*)::int as captures, sum(l.amount)::int as captured
        from payments.payments p join payments.ledger_entries l on l.payment_id = p.id and l.kind = 'capture'
        group by p.order_id`),
    );
    const totals = new Map(
      rowsOf<{ id: string; total: number }>(await ordersDb.db.execute(sql`select id, total from orders.orders where id = any(${uuids(ids)}::uuid[])`)).map(
        (r) => [r.id, r.total],
      ),
    );
    const confirmed = orders.filter((o) => o.status === 'CONFIRMED').map((o) => o.id);
    expect(new Map(captures.map((c) => [c.order_id, [c.captures, c.captured]]))).toEqual(new Map(confirmed.map((id) => [id, [1, totals.get(id)]])));

    // Stock: each product lost exactly the units of its confirmed orders (released holds came back).
    const sold = (product: string) => placed.filter((p) => p.shopper.product === product && byId.get(p.id)!.status === 'CONFIRMED').length;
    await expect.poll(() => stockOf(shop.client, ample), { timeout: 30_000 }).toBe(AMPLE - sold(ample));
    await expect.poll(() => stockOf(shop.client, scarce), { timeout: 30_000 }).toBe(0);
  }, 600_000);
});
