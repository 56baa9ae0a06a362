import { sql } from 'drizzle-orm';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@shop/db';
import { createTestDatabase, graphqlClient, testKafkaBrokers, testServers, uniqueKafkaName, type TestDatabase } from '@shop/testkit';
import { openShop, placeOrder, shopperWithCart, stockedProduct, stockOf } from './support/checkout-actors';
import { signInAdmin, type Actor } from './support/shop-actors';
import { launchServices, type RunningServices } from '../scripts/services/launch-services';

type Shopper = Awaited<ReturnType<typeof shopperWithCart>> & { declined: boolean };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const uuids = (ids: string[]) => `{${ids.join(',')}}`;
const REPLICATED = ['orders', 'inventory', 'payments'] as const;
const ORDERS = 30;
const STOCK = 40;
const PRICE = 1500;

/**
 * `npm run start:services` as the bench and a deployment run it: the router and every subgraph a
 * process of its own on PostgreSQL, Kafka and Redis, with two replicas of orders, inventory and
 * payments in the same consumer groups. One replica of each is SIGKILLed while checkouts are under
 * way; the survivors take over its partitions, and every order still ends correctly, charged once.
 */
describe('services mode as separate processes, two replicas of the saga, one SIGKILLed', () => {
  let database: TestDatabase;
  let services: RunningServices;
  let client: ReturnType<typeof graphqlClient>;
  let admin: Actor;
  let product: string;
  let shoppers: Shopper[];
  let handle: DatabaseHandle;
  const namespace = uniqueKafkaName('procs').replace(/\./g, '-');
  const adminAccount = { email: `admin.${namespace}@example.com`, password: 'processes-admin-2026' };

  beforeAll(async () => {
    database = await createTestDatabase('procs');
    services = await launchServices({
      databaseUrl: database.url,
      kafkaBrokers: testKafkaBrokers(),
      namespace,
      redisUrl: testServers.TEST_REDIS_URL,
      ports: 'random',
      replicas: Object.fromEntries(REPLICATED.map((name) => [name, 2])),
      admin: adminAccount,
      env: { ROUTER_RATE_LIMIT_PER_MINUTE: '0' },
      onLog: () => {},
    });
    client = graphqlClient(services.routerUrl);
    admin = await signInAdmin(services.routerUrl, adminAccount);
    const { categoryId } = await openShop(client, admin);
    product = await stockedProduct(client, admin, categoryId, PRICE, STOCK);
    shoppers = [];
    for (let start = 0; start < ORDERS; start += 10) {
      const batch = Array.from({ length: Math.min(10, ORDERS - start) }, (_, i) => (start + i) % 7 === 3);
      shoppers.push(
        ...(await Promise.all(batch.map(async (declined) => ({ declined, ...(await shopperWithCart(client, services.routerUrl, [[product, 1]])) })))),
      );
    }
    handle = await openDatabase({ driver: 'postgres', url: database.url, maxConnections: 1 });
  }, 400_000);

  afterAll(async () => {
    await handle?.close();
    await services?.stop();
    await database?.drop();
  }, 120_000);

  it('runs each subgraph replica as its own process, joined to its saga consumer group', async () => {
    const names = services.processes.map((p) => p.name).sort();
    expect(names).toEqual(
      [
        'favourites',
        'inventory',
        'inventory',
        'notifications',
        'orders',
        'orders',
        'payments',
        'payments',
        'products',
        'promotions',
        'ratings',
        'router',
        'search',
        'shipping',
        'tax',
        'users',
      ]
        .map((name, i, all) => (name === 'router' ? name : `${name}#${all.slice(0, i).filter((n) => n === name).length}`))
        .sort(),
    );
    expect(new Set(services.processes.map((p) => p.child.pid)).size).toBe(services.processes.length);
    const admin = new Kafka({ brokers: testKafkaBrokers(), clientId: `${namespace}-probe`, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const groups = [`${namespace}.orders-saga`, `${namespace}.inventory-saga`, `${namespace}.payments-saga`, `${namespace}.tax-saga`];
      await expect
        .poll(async () => (await admin.describeGroups(groups)).groups.map((g) => [g.groupId, g.members.length]), { timeout: 60_000, interval: 500 })
        .toEqual([...groups.slice(0, 3).map((g) => [g, 2]), [groups[3], 1]]);
    } finally {
      await admin.disconnect();
    }
  });

  it('ends every order CONFIRMED or PAYMENT_DECLINED, charged once, stock exact, with a replica of each killed mid-run', async () => {
    const placed: Array<{ id: string; shopper: Shopper }> = [];
    const place = async (wave: Shopper[]) => {
      const ids = await Promise.all(wave.map((s) => placeOrder(client, s.shopper, s.cartId, s.declined ? 'tok_chargeDeclined' : 'tok_visa')));
      ids.forEach((id, i) => placed.push({ id, shopper: wave[i]! }));
    };
    await place(shoppers.slice(0, 15));
    for (const name of REPLICATED) services.processes.find((p) => p.name === `${name}#1`)!.child.kill('SIGKILL');
    await place(shoppers.slice(15));
    const killed = await Promise.all(REPLICATED.map((name) => services.processes.find((p) => p.name === `${name}#1`)!.exited));
    expect(killed.map((k) => k.signal)).toEqual(['SIGKILL', 'SIGKILL', 'SIGKILL']);

    const ids = placed.map((p) => p.id);
    const statuses = async () =>
      rowsOf<{ id: string; status: string; cancel_code: string | null; total: number }>(
        await handle.db.execute(sql`select id, status, cancel_code, total from orders.orders where id = any(${uuids(ids)}::uuid[])`),
      );
    const deadline = Date.now() + 180_000;
    let orders = await statuses();
    while (!orders.every((o) => o.status === 'CONFIRMED' || o.status === 'CANCELLED')) {
      if (Date.now() > deadline)
        throw new Error(`orders still open: ${JSON.stringify(orders.filter((o) => o.status !== 'CONFIRMED' && o.status !== 'CANCELLED'))}`);
      await sleep(500);
      orders = await statuses();
    }
    const byId = new Map(orders.map((o) => [o.id, o]));
    expect(placed.map(({ id }) => [id, byId.get(id)!.status === 'CONFIRMED' ? 'CONFIRMED' : `CANCELLED ${byId.get(id)!.cancel_code}`])).toEqual(
      placed.map(({ id, shopper }) => [id, shopper.declined ? 'CANCELLED PAYMENT_DECLINED' : 'CONFIRMED']),
    );

    const captures = rowsOf<{ order_id: string; captures: number; captured: number }>(
      await handle.db.execute(sql`
        select p.order_id, count(*)::int as captures, sum(l.amount)::int as captured
        from payments.payments p join payments.ledger_entries l on l.payment_id = p.id and l.kind = 'capture'
        group by p.order_id`),
    );
    const confirmed = orders.filter((o) => o.status === 'CONFIRMED');
    expect(new Map(captures.map((c) => [c.order_id, [c.captures, c.captured]]))).toEqual(new Map(confirmed.map((o) => [o.id, [1, o.total]])));
    await expect.poll(() => stockOf(client, product), { timeout: 30_000 }).toBe(STOCK - confirmed.length);
  }, 400_000);
});
