import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '@shop/db';

export interface PhaseResult {
  orders: number;
  confirmed: number;
  cancelled: number;
  /** Confirmations per second from the first placeOrder sent to the last CONFIRMED. */
  confirmedPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** The slowest confirmed order: its id and when each status of its history was reached, in ms after placeOrder was sent. */
  slowest?: { id: string; steps: Array<[status: string, ms: number]> };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A PostgreSQL array literal: drizzle would expand a JS array into a row. */
const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;
const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
  Array.isArray(result) ? result : (result as { rows: Array<Record<string, unknown>> }).rows;

/** Waits until every order is CONFIRMED or CANCELLED (bounded), read straight from the orders database. */
export async function settle(orders: DatabaseHandle, ids: string[], timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = rowsOf(
      await orders.db.execute(
        sql`select count(*)::int as done from orders.orders where id = any(${uuidArray(ids)}::uuid[]) and status in ('CONFIRMED', 'CANCELLED')`,
      ),
    );
    if (Number(row?.done) === ids.length) return;
    if (Date.now() > deadline) throw new Error(`${ids.length - Number(row?.done)} of ${ids.length} orders still in flight after ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/**
 * placeOrder-to-CONFIRMED latency per order: the client's send time against the CONFIRMED entry of
 * the order's status history (same machine, same clock).
 */
export async function measure(orders: DatabaseHandle, sentAt: Map<string, number>): Promise<PhaseResult> {
  const ids = [...sentAt.keys()];
  const rows = rowsOf(
    await orders.db.execute(sql`
      select o.id, o.status, (extract(epoch from h.at) * 1000)::float8 as confirmed_ms
      from orders.orders o left join orders.order_status_history h on h.order_id = o.id and h.status = 'CONFIRMED'
      where o.id = any(${uuidArray(ids)}::uuid[])`),
  );
  const confirmed = rows
    .filter((row) => row.confirmed_ms !== null)
    .map((row) => ({ id: String(row.id), ms: Number(row.confirmed_ms) - sentAt.get(String(row.id))! }));
  const latencies = confirmed.map((order) => order.ms).sort((a, b) => a - b);
  const slowest = confirmed.reduce<{ id: string; ms: number } | undefined>((worst, order) => (worst && worst.ms >= order.ms ? worst : order), undefined);
  const lastConfirmed = Math.max(...rows.filter((row) => row.confirmed_ms !== null).map((row) => Number(row.confirmed_ms)));
  const firstSent = Math.min(...sentAt.values());
  return {
    orders: ids.length,
    confirmed: latencies.length,
    cancelled: rows.filter((row) => row.status === 'CANCELLED').length,
    confirmedPerSecond: latencies.length / ((lastConfirmed - firstSent) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    ...(slowest ? { slowest: { id: slowest.id, steps: await historyOf(orders, slowest.id, sentAt.get(slowest.id)!) } } : {}),
  };
}

async function historyOf(orders: DatabaseHandle, id: string, sent: number): Promise<Array<[string, number]>> {
  const rows = rowsOf(
    await orders.db.execute(
      sql`select status, (extract(epoch from at) * 1000)::float8 as at_ms from orders.order_status_history where order_id = ${id}::uuid order by position`,
    ),
  );
  return rows.map((row) => [String(row.status), Math.round(Number(row.at_ms) - sent)]);
}
