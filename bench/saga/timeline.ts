/**
 * Where one order's time goes, hop by hop: orders placed one at a time over Kafka, then for each
 * every event of the saga with when its transaction started (ms after placeOrder was sent), how
 * long the outbox relay took to publish it, and how long after that each consumer group's
 * transaction for it started (from the inbox rows). `npm run bench:saga:timeline`. With
 * BENCH_TIMELINE_RATE=n the orders are placed at n a second instead, and the three slowest are shown.
 */
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '@shop/db';
import { startServicesShop } from '../../scripts/services-shop';
import { sagaBenchEnv as env } from './env';
import { settle } from './measure';
import { fillCart, openBenchShop, placeOrder, registerShoppers } from './shop-setup';

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? result : (result as { rows: Row[] }).rows);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const warmUp = 2;

const shop = await startServicesShop({ router: { rateLimit: { max: 0 } }, connectionsPerSubgraph: 10 });
// Every subgraph database with an outbox (events it writes) or an inbox (events it consumed).
const databases = new Map<string, DatabaseHandle>();
const tablesOf = new Map<string, Set<string>>();
for (const subgraph of [
  'orders',
  'promotions',
  'shipping',
  'tax',
  'inventory',
  'payments',
  'notifications',
  'search',
  'users',
  'products',
  'ratings',
  'favourites',
]) {
  const url = shop.databaseUrl(subgraph);
  if (!url) continue;
  const db = await openDatabase({ driver: 'postgres', url, maxConnections: 1 });
  const found = rowsOf(
    await db.db.execute(sql`select table_name as name from information_schema.tables where table_schema = ${subgraph} and table_name in ('outbox', 'inbox')`),
  );
  tablesOf.set(subgraph, new Set(found.map((row) => String(row.name))));
  if (found.length > 0) databases.set(subgraph, db);
  else await db.close();
}
const orders = databases.get('orders')!;

interface Hop {
  subgraph: string;
  /** The event's copies, one per topic it is written to. */
  ids: string[];
  type: string;
  created: number;
  published: number;
}

async function hopsOf(orderId: string): Promise<Hop[]> {
  const hops: Hop[] = [];
  for (const [subgraph, db] of databases) {
    if (!tablesOf.get(subgraph)!.has('outbox')) continue;
    const rows = rowsOf(
      await db.db.execute(
        sql`select id::text as id, type, extract(epoch from created_at) * 1000 as created, extract(epoch from published_at) * 1000 as published from ${sql.identifier(subgraph)}.outbox where key = ${orderId} or payload -> 'data' ->> 'orderId' = ${orderId}`,
      ),
    );
    // An event written to several topics is one hop: its copies share the transaction and the relay batch.
    const byEvent = new Map<string, Hop>();
    for (const row of rows) {
      const key = `${row.type}@${row.created}`;
      const hop = byEvent.get(key);
      if (hop) hop.ids.push(String(row.id));
      else byEvent.set(key, { subgraph, ids: [String(row.id)], type: String(row.type), created: Number(row.created), published: Number(row.published) });
    }
    hops.push(...byEvent.values());
  }
  return hops.sort((a, b) => a.created - b.created);
}

async function consumersOf(hops: Hop[]): Promise<Map<string, Array<[string, number]>>> {
  const byEvent = new Map<string, Array<[string, number]>>();
  const ids = `{${hops.flatMap((hop) => hop.ids).join(',')}}`;
  for (const [subgraph, db] of databases) {
    if (!tablesOf.get(subgraph)!.has('inbox')) continue;
    const rows = rowsOf(
      await db.db.execute(
        sql`select event_id::text as id, consumer, extract(epoch from processed_at) * 1000 as at from ${sql.identifier(subgraph)}.inbox where event_id = any(${ids}::uuid[])`,
      ),
    );
    for (const row of rows) byEvent.set(String(row.id), [...(byEvent.get(String(row.id)) ?? []), [String(row.consumer), Number(row.at)]]);
  }
  return byEvent;
}

/** Prints one order's hops: each event, its relay delay and when each consumer group took it. */
async function report(label: string, orderId: string, sent: number): Promise<number> {
  const hops = await hopsOf(orderId);
  const consumers = await consumersOf(hops);
  const [confirmed] = rowsOf(
    await orders.db.execute(
      sql`select extract(epoch from at) * 1000 as at from orders.order_status_history where order_id = ${orderId} and status = 'CONFIRMED'`,
    ),
  );
  const total = Number(confirmed?.at) - sent;
  console.log(`\n${label}: CONFIRMED ${total.toFixed(0)} ms after placeOrder was sent`);
  console.log('  at ms  subgraph       event                               relay ms  consumer groups (ms after publish)');
  for (const hop of hops) {
    const heard = hop.ids
      .flatMap((id) => consumers.get(id) ?? [])
      .map(([group, at]) => `${group} ${(at - hop.published).toFixed(0)}`)
      .join(', ');
    console.log(
      `  ${(hop.created - sent).toFixed(0).padStart(5)}  ${hop.subgraph.padEnd(13)}  ${hop.type.padEnd(34)}  ${(hop.published - hop.created).toFixed(0).padStart(8)}  ${heard || '-'}`,
    );
  }
  return total;
}

const rate = env.BENCH_TIMELINE_RATE;
try {
  const products = await openBenchShop(shop.client, shop.admin, 4);
  const shoppers = await registerShoppers(shop.client, env.BENCH_COUNTS_ORDERS + warmUp);
  await Promise.all(shoppers.map((shopper, i) => fillCart(shop.client, shopper, products[i % products.length]!)));
  const totals: number[] = [];
  if (rate === 0) {
    for (const [i, shopper] of shoppers.entries()) {
      const sent = Date.now();
      const orderId = await placeOrder(shop.client, shopper);
      await settle(orders, [orderId]);
      await sleep(250);
      if (i >= warmUp) totals.push(await report(`order ${i - warmUp + 1}`, orderId, sent));
    }
  } else {
    // Open loop at `rate` orders a second (each shopper places once); then the three slowest orders.
    for (const shopper of shoppers.slice(0, warmUp)) await settle(orders, [await placeOrder(shop.client, shopper)]);
    const start = Date.now();
    const placed = await Promise.all(
      shoppers.slice(warmUp).map(async (shopper, i) => {
        await sleep(Math.max(0, start + (i * 1000) / rate - Date.now()));
        const sent = Date.now();
        return { orderId: await placeOrder(shop.client, shopper), sent };
      }),
    );
    await settle(
      orders,
      placed.map((order) => order.orderId),
    );
    await sleep(250);
    const confirmedAt = rowsOf(
      await orders.db.execute(
        sql`select order_id::text as id, extract(epoch from at) * 1000 as at from orders.order_status_history where status = 'CONFIRMED' and order_id = any(${`{${placed.map((order) => order.orderId).join(',')}}`}::uuid[])`,
      ),
    );
    const at = new Map(confirmedAt.map((row) => [String(row.id), Number(row.at)]));
    const latencies = placed.map((order) => ({ ...order, ms: (at.get(order.orderId) ?? NaN) - order.sent })).sort((a, b) => b.ms - a.ms);
    totals.push(...latencies.map((order) => order.ms));
    for (const [i, order] of latencies.slice(0, 3).entries()) await report(`slowest order ${i + 1}`, order.orderId, order.sent);
  }
  totals.sort((a, b) => a - b);
  console.log(
    `\n${totals.length} orders ${rate === 0 ? 'one at a time' : `at ${rate}/s`}: placeOrder -> CONFIRMED p50 ${totals[Math.floor(totals.length / 2)]!.toFixed(0)} ms, max ${totals.at(-1)!.toFixed(0)} ms`,
  );
} finally {
  for (const db of databases.values()) await db.close();
  await shop.stop();
}
process.exit(0);
