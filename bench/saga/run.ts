/**
 * The checkout saga under load: orders per second driven to CONFIRMED and placeOrder-to-CONFIRMED
 * latency, through the router, on real PostgreSQL (a database per subgraph) with events over Kafka,
 * next to the same shop with the in-process transport as the reference. `npm run bench:saga`.
 */
import { openDatabase } from '@shop/db';
import type { ServicesShop } from '../../scripts/services-shop';
import { startBenchShop, type BenchMode } from './bench-shop';
import { sagaBenchEnv as env } from './env';
import { measure, settle, type PhaseResult } from './measure';
import { measurePostgresCeiling } from './postgres-ceiling';
import { StatementCounter } from './statement-counter';
import { DeliveryCounter } from './delivery-counter';
import { cpuMeter } from './cpu-meter';
import { aimsTable } from './aims';
import { fillCart, openBenchShop, placeOrder, registerShoppers, type Shopper } from './shop-setup';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each shopper: place, refill, repeat; `next()` says whether to place another. */
async function shop(client: ServicesShop['client'], shoppers: Shopper[], products: string[], sentAt: Map<string, number>, next: () => boolean) {
  await Promise.all(
    shoppers.map(async (shopper, i) => {
      while (next()) {
        const sent = Date.now();
        sentAt.set(await placeOrder(client, shopper), sent);
        await fillCart(client, shopper, products[i % products.length]!);
      }
    }),
  );
}

/** Offers `rate` orders a second for `seconds`, whatever the saga's pace (open loop). */
async function fixedRate(client: ServicesShop['client'], shoppers: Shopper[], products: string[], rate: number, seconds: number) {
  const sentAt = new Map<string, number>();
  const idle = [...shoppers];
  const inFlight: Promise<void>[] = [];
  let missed = 0;
  const start = Date.now();
  for (let i = 0; i < rate * seconds; i++) {
    await sleep(Math.max(0, start + (i * 1000) / rate - Date.now()));
    const shopper = idle.pop();
    if (!shopper) {
      missed++;
      continue;
    }
    const sent = Date.now();
    inFlight.push(
      (async () => {
        sentAt.set(await placeOrder(client, shopper), sent);
        await fillCart(client, shopper, products[i % products.length]!);
        idle.push(shopper);
      })(),
    );
  }
  await Promise.all(inFlight);
  return { sentAt, missed };
}

/** Places one order from each shopper's filled cart, `concurrency` at a time (no cart is built meanwhile). */
async function placeFromFilledCarts(client: ServicesShop['client'], shoppers: Shopper[], concurrency: number, sentAt: Map<string, number>) {
  const queue = [...shoppers];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let shopper = queue.pop(); shopper; shopper = queue.pop()) {
        const sent = Date.now();
        sentAt.set(await placeOrder(client, shopper), sent);
      }
    }),
  );
}

async function bench(transport: BenchMode) {
  const statements = new StatementCounter();
  const deliveries = new DeliveryCounter();
  const running = await startBenchShop(transport, statements, deliveries);
  const orders = await openDatabase({ driver: 'postgres', url: running.ordersDatabaseUrl, maxConnections: 2 });
  try {
    const products = await openBenchShop(running.client, running.admin, 20);
    const shoppers = await registerShoppers(running.client, env.BENCH_SAGA_SHOPPERS);
    await Promise.all(shoppers.map((shopper, i) => fillCart(running.client, shopper, products[i % products.length]!)));
    // The saga-alone phase's carts, filled now, long before it is measured.
    const aloneShoppers = await registerShoppers(running.client, env.BENCH_SAGA_ALONE_ORDERS);
    for (let i = 0; i < aloneShoppers.length; i += env.BENCH_SAGA_SHOPPERS) {
      await Promise.all(
        aloneShoppers.slice(i, i + env.BENCH_SAGA_SHOPPERS).map((shopper, j) => fillCart(running.client, shopper, products[(i + j) % products.length]!)),
      );
    }
    const warmup = new Map<string, number>();
    let warm = 0;
    await shop(running.client, shoppers.slice(0, 10), products, warmup, () => warm++ < 50);
    await settle(orders, [...warmup.keys()]);

    const low = await fixedRate(running.client, shoppers, products, env.BENCH_SAGA_LOW_RATE, env.BENCH_SAGA_DURATION);
    await settle(orders, [...low.sentAt.keys()]);
    const atLowRate = await measure(orders, low.sentAt);

    const fixed = await fixedRate(running.client, shoppers, products, env.BENCH_SAGA_RATE, env.BENCH_SAGA_DURATION);
    await settle(orders, [...fixed.sentAt.keys()]);
    const atRate = await measure(orders, fixed.sentAt);

    const saturationSent = new Map<string, number>();
    let placed = 0;
    statements.start();
    const cpu = cpuMeter(running.pids);
    await shop(running.client, shoppers, products, saturationSent, () => placed++ < env.BENCH_SAGA_SATURATION_ORDERS);
    await settle(orders, [...saturationSent.keys()]);
    statements.stop();
    const cpuPerOrder = cpu.perOrder(saturationSent.size);
    const saturated = await measure(orders, saturationSent);
    // Every statement of the phase (the shoppers refilling carts and the relays' polls included), per order.
    const perOrder = running.countsStatements ? statements.perOrder(saturationSent.size) : undefined;

    // The saga alone: orders from the carts filled before, as fast as the shoppers can place them.
    const aloneSent = new Map<string, number>();
    statements.start();
    deliveries.start();
    const aloneCpu = cpuMeter(running.pids);
    await placeFromFilledCarts(running.client, aloneShoppers, env.BENCH_SAGA_SHOPPERS, aloneSent);
    await settle(orders, [...aloneSent.keys()]);
    statements.stop();
    deliveries.stop();
    const alone = {
      result: await measure(orders, aloneSent),
      cpuPerOrder: aloneCpu.perOrder(aloneSent.size),
      statements: running.countsStatements ? statements.perOrder(aloneSent.size).total : undefined,
      deliveries: transport === 'kafka' ? deliveries.perOrder(aloneSent.size).total : undefined,
    };
    return { transport, atLowRate, atRate, missed: fixed.missed, saturated, perOrder, cpuPerOrder, alone, rssMb: Math.round(process.memoryUsage().rss / 1e6) };
  } finally {
    await orders.close();
    await running.stop();
  }
}

const row = (label: string, r: PhaseResult) =>
  `${label.padEnd(30)} ${String(r.orders).padStart(6)} ${String(r.confirmed).padStart(9)} ${r.confirmedPerSecond.toFixed(1).padStart(11)} ${r.p50.toFixed(0).padStart(7)} ${r.p99.toFixed(0).padStart(7)} ${r.max.toFixed(0).padStart(7)}`;

const results: Array<Awaited<ReturnType<typeof bench>>> = [];
for (const transport of env.BENCH_SAGA_TRANSPORTS.split(',') as BenchMode[]) results.push(await bench(transport));
console.log(
  `\nsaga benchmark: ${env.BENCH_SAGA_SHOPPERS} shoppers, fixed rates ${env.BENCH_SAGA_LOW_RATE}/s and ${env.BENCH_SAGA_RATE}/s for ${env.BENCH_SAGA_DURATION} s each, saturation ${env.BENCH_SAGA_SATURATION_ORDERS} orders`,
);
console.log(
  `${'run'.padEnd(30)} ${'orders'.padStart(6)} ${'confirmed'.padStart(9)} ${'confirmed/s'.padStart(11)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)}`,
);
for (const r of results) {
  console.log(row(`${r.transport} @ ${env.BENCH_SAGA_LOW_RATE}/s`, r.atLowRate));
  console.log(row(`${r.transport} @ ${env.BENCH_SAGA_RATE}/s (missed ${r.missed})`, r.atRate));
  console.log(row(`${r.transport} saturation`, r.saturated));
  console.log(row(`${r.transport} saga alone`, r.alone.result));
}
// Where the slowest order of the low rate waited: each status of its history, ms after placeOrder was sent.
for (const r of results) {
  const steps = r.atLowRate.slowest?.steps.map(([status, ms]) => `${status} ${ms}`).join(', ');
  if (steps) console.log(`slowest order @ ${env.BENCH_SAGA_LOW_RATE}/s, ${r.transport}: ${steps}`);
}
const [kafka, local] = [results.find((r) => r.transport === 'kafka'), results.find((r) => r.transport === 'local')];
if (kafka && local) {
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log(
    `kafka / in-process: saturation throughput ${ratio(kafka.saturated.confirmedPerSecond, local.saturated.confirmedPerSecond)}x, p99 at ${env.BENCH_SAGA_LOW_RATE}/s ${ratio(kafka.atLowRate.p99, local.atLowRate.p99)}x, p99 at ${env.BENCH_SAGA_RATE}/s ${ratio(kafka.atRate.p99, local.atRate.p99)}x`,
  );
}
const [single, double] = [results.find((r) => r.transport === 'processes'), results.find((r) => r.transport === 'processes-x2')];
const throughput = (r: { saturated: PhaseResult }) => r.saturated.confirmedPerSecond;
if (single && kafka)
  console.log(`separate processes / one process (both over Kafka): saturation throughput ${(throughput(single) / throughput(kafka)).toFixed(2)}x`);
if (single && double)
  console.log(`two replicas / one replica of each saga subgraph: saturation throughput ${(throughput(double) / throughput(single)).toFixed(2)}x`);
console.log(`bench driver RSS after each run (the whole shop in the one-process modes): ${results.map((r) => `${r.transport} ${r.rssMb} MB`).join(', ')}`);
for (const r of results) {
  if (!r.perOrder) continue;
  const top = r.perOrder.bySubgraph.slice(0, 6).map(([subgraph, count]) => `${subgraph} ${count.toFixed(0)}`);
  console.log(`SQL statements per order (${r.transport}, saturation phase): ${r.perOrder.total.toFixed(0)} (${top.join(', ')}, ...)`);
}
for (const { transport, cpuPerOrder: cpu } of results) {
  if (!cpu) continue;
  console.log(
    `CPU per order (${transport}, saturation phase): shop processes ${cpu.shopMs.toFixed(1)} ms, whole machine ${cpu.machineMs.toFixed(1)} ms (shop, PostgreSQL, Kafka);` +
      ` the machine's ${cpu.machineMsPerSecond} ms of CPU a second cap it at ${(cpu.machineMsPerSecond / cpu.machineMs).toFixed(1)} orders/s at this cost; 300 orders/s would need ${(cpu.machineMsPerSecond / 300).toFixed(1)} ms per order`,
  );
}
const ceiling = await measurePostgresCeiling();
const kafkaStatements = kafka?.perOrder?.total;
if (ceiling && kafkaStatements) {
  const { readOnlyStatementsPerSecond: reads, writeStatementsPerSecond: writes } = ceiling;
  const orders = (perSecond: number) => (perSecond / kafkaStatements).toFixed(0);
  console.log(
    `PostgreSQL alone on this machine (pgbench, prepared, 4 clients): ${reads.toFixed(0)} read-only / ${writes.toFixed(0)} TPC-B-like statements/s;` +
      ` at ${kafkaStatements.toFixed(0)} statements per order that caps the saga at ${orders(reads)} / ${orders(writes)} orders/s with no CPU left for Node or Kafka`,
  );
}
console.log(`\nissue 16's figures, every shop of this run\n${aimsTable(results, { lowRate: env.BENCH_SAGA_LOW_RATE, rate: env.BENCH_SAGA_RATE })}`);
process.exit(0);
