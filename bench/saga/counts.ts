/**
 * The saga's cost per order in COUNTS, not time: SQL statements (every subgraph's database) and
 * Kafka message deliveries (produced + consumed) from placeOrder to CONFIRMED, for orders placed
 * from carts built before the measured window. `npm run bench:saga:counts`.
 *
 * Two phases: `one at a time` (each order confirmed before the next is placed: no batching can
 * happen, the figures are the same on every run) and `burst` (every order placed at once: what
 * batching saves when events queue up; these figures move a little with timing).
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '@shop/db';
import { startServicesShop } from '../../scripts/services-shop';
import { DeliveryCounter } from './delivery-counter';
import { sagaBenchEnv as env } from './env';
import { settle } from './measure';
import { fillCart, openBenchShop, placeOrder, registerShoppers } from './shop-setup';
import { StatementCounter } from './statement-counter';

// A relay's backlog probe runs on its idle timer as well as on each wake: time, not orders, decides
// how many there are, so it is counted apart.
const relayProbe = /^select "seq" from "[^"]+"\."outbox" where "[^"]+"\."outbox"\."published_at" is null limit/;

// BENCH_COUNTS_SQL=1 lists the statements of the first phase, most frequent first.
const texts = new Map<string, number>();
let listing = false;
const statements = new StatementCounter();
const probes = new StatementCounter();
const deliveries = new DeliveryCounter();
const shop = await startServicesShop({
  router: { rateLimit: { max: 0 } },
  connectionsPerSubgraph: 10,
  wrapTransport: deliveries.wrap,
  onQuery: (subgraph, text) => {
    (relayProbe.test(text) ? probes : statements).observe(subgraph);
    if (listing) texts.set(`${subgraph}: ${text.slice(0, 150)}`, (texts.get(`${subgraph}: ${text.slice(0, 150)}`) ?? 0) + 1);
  },
});
const orders = await openDatabase({ driver: 'postgres', url: shop.databaseUrl('orders')!, maxConnections: 2 });

const count = env.BENCH_COUNTS_ORDERS;
const products = await openBenchShop(shop.client, shop.admin, 4);
const shoppers = await registerShoppers(shop.client, count);
const fillAll = () => Promise.all(shoppers.map((shopper, i) => fillCart(shop.client, shopper, products[i % products.length]!)));

// Warm-up: topics created, every consumer group joined, statements prepared.
await fillAll();
await settle(orders, await Promise.all(shoppers.slice(0, 4).map((shopper) => placeOrder(shop.client, shopper))));
await fillAll();

const phase = async (label: string, place: () => Promise<string[]>) => {
  statements.start();
  probes.start();
  deliveries.start();
  listing = env.BENCH_COUNTS_SQL && label === 'one at a time';
  const ids = await place();
  await settle(orders, ids);
  listing = false;
  statements.stop();
  probes.stop();
  deliveries.stop();
  const result = await orders.db.execute(
    sql`select count(*)::int as confirmed from orders.orders where id = any(${`{${ids.join(',')}}`}::uuid[]) and status = 'CONFIRMED'`,
  );
  const [row] = (result as unknown as { rows: Array<{ confirmed: number }> }).rows;
  const perOrder = statements.perOrder(ids.length);
  const probe = probes.perOrder(ids.length);
  const kafka = deliveries.perOrder(ids.length);
  const by = (list: Array<[string, number]>) => list.map(([name, n]) => `${name} ${n.toFixed(1)}`).join(', ');
  console.log(`\n${label}: ${ids.length} orders, ${row?.confirmed} CONFIRMED`);
  console.log(`  SQL statements per order: ${perOrder.total.toFixed(1)} (${by(perOrder.bySubgraph)})`);
  console.log(`  relay backlog probes per order (wakes + idle polls, time-dependent): ${probe.total.toFixed(1)}`);
  console.log(`  Kafka deliveries per order: ${kafka.total.toFixed(1)} (produced ${kafka.produced.toFixed(1)}, consumed ${kafka.consumed.toFixed(1)})`);
  for (const [text, n] of [...texts].sort((a, b) => b[1] - a[1])) console.log(`    ${(n / ids.length).toFixed(1).padStart(5)}  ${text}`);
  texts.clear();
  for (const t of kafka.byTopic)
    console.log(`    ${t.topic.padEnd(28)} produced ${t.produced.toFixed(1).padStart(5)}  consumed ${t.consumed.toFixed(1).padStart(5)}`);
};

try {
  await phase('one at a time', async () => {
    const ids: string[] = [];
    for (const shopper of shoppers) {
      const id = await placeOrder(shop.client, shopper);
      await settle(orders, [id]);
      ids.push(id);
    }
    return ids;
  });
  await fillAll();
  await phase('burst', () => Promise.all(shoppers.map((shopper) => placeOrder(shop.client, shopper))));
} finally {
  await orders.close();
  await shop.stop();
}
process.exit(0);
