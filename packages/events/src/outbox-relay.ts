import { randomUUID } from 'node:crypto';
import { isNull, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { Database } from '@shop/db';
import type { EventEnvelope } from './envelope';
import type { EventTransport } from './event-transport';
import { errorMessage, silentLogger, type EventsLogger } from './logger';
import type { OutboxLeaseTable, OutboxTable } from './outbox-tables';
import { startWorkerLoop, type WorkerLoop } from './worker-loop';

export interface OutboxRelayOptions {
  db: Database;
  outbox: OutboxTable;
  /** The outbox's lease table (`outboxLease` of the same `outboxTables`). */
  lease: OutboxLeaseTable;
  transport: EventTransport;
  /** Rows published per batch: larger batches amortize the round trips. @default 100 */
  batchSize?: number;
  /**
   * Polling interval when idle, and the wait after a failure. `wake()` covers the common path
   * (right after a commit), so polling only picks up rows written by other processes or left by
   * a failure. @default 1000
   */
  pollIntervalMs?: number;
  /**
   * How long a relay's claim keeps the other relays of this outbox out while it publishes. A relay
   * that dies mid-batch holds the outbox this long; one that outlives it (a publish slower than
   * this) may see its batch published again by another relay (the inboxes drop the copies).
   * @default 5000
   */
  leaseMs?: number;
  logger?: EventsLogger;
}

/** `wake()` publishes now instead of at the next poll: call it after committing a transaction with events. */
export type OutboxRelay = WorkerLoop;

interface ClaimedRow {
  held: boolean | null;
  id: string | null;
  topic: string | null;
  key: string | null;
  payload: EventEnvelope | null;
}

const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * Publishes outbox rows oldest first, at least once and in order. One statement per batch, no
 * transaction: it marks the previous batch published, takes the outbox's lease (one row, so one
 * relay of the outbox publishes at a time and an aggregate's events cannot be reordered across
 * relays) and reads the next batch; the batch is then published, and the next statement marks it.
 * A relay that dies after publishing and before marking leaves its batch to be published again
 * (the consumers' inboxes remove duplicates); nothing is lost. The statement that finds nothing
 * more gives the lease back.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, outbox, lease, transport, batchSize = 100, pollIntervalMs = 1000, leaseMs = 5000 } = options;
  const logger = options.logger ?? silentLogger;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('startOutboxRelay: batchSize must be an integer >= 1');
  if (!(pollIntervalMs > 0)) throw new Error('startOutboxRelay: pollIntervalMs must be > 0');
  if (!Number.isInteger(leaseMs) || leaseMs < 1) throw new Error('startOutboxRelay: leaseMs must be an integer >= 1');
  const { schema, name } = getTableConfig(outbox);
  const outboxName = `${schema ?? 'public'}.${name}`;
  const holder = randomUUID();
  let stopping = false;

  /**
   * Marks `done` published and, with `limit` > 0, claims up to `limit` more rows. The lease is
   * taken (or kept) only when rows are waiting; otherwise the same statement gives it back.
   * `held` is false when another relay holds it.
   *
   * The lease is taken before the rows are locked (the batch depends on it), and rows published
   * by a relay whose statement committed after this one began are re-read on locking (FOR UPDATE
   * re-checks `published_at` on the newest row version), so a relay that takes the lease over
   * does not send its predecessor's last batch again.
   */
  const claim = async (done: readonly string[], limit: number) => {
    const doneIds = uuidArray(done);
    const result = await db.execute(sql`
      with taken as (
        insert into ${lease} as lease (name, holder, until)
        values ('relay', ${holder}::uuid, case
          when ${limit}::int > 0 and exists (select 1 from ${outbox} where published_at is null and not (id = any(${doneIds}::uuid[])))
          then now() + ${leaseMs}::int * interval '1 millisecond' else now() end)
        on conflict (name) do update set holder = excluded.holder, until = excluded.until
        where lease.holder = excluded.holder or lease.until <= now()
        returning until > now() as live
      ), batch as (
        select id, seq, topic, key, payload from ${outbox}
        where published_at is null and not (id = any(${doneIds}::uuid[])) and exists (select 1 from taken where live)
        order by seq limit ${limit}::int
        for update skip locked
      ), marked as (
        update ${outbox} set published_at = now(), attempts = attempts + 1 where id = any(${doneIds}::uuid[])
      )
      select (select live from taken) as held, batch.id, batch.topic, batch.key, batch.payload
      from (select 1) as one left join batch on true
      order by batch.seq`);
    const rows = (result as unknown as { rows: ClaimedRow[] }).rows;
    return { held: rows[0]?.held === true, rows: rows.filter((row): row is ClaimedRow & { id: string } => row.id !== null) };
  };

  const giveBack = (ids: readonly string[], error?: string) =>
    db.execute(sql`
      with released as (update ${lease} set until = now() where name = 'relay' and holder = ${holder}::uuid)
      update ${outbox} set attempts = attempts + 1, last_error = ${error ?? null}
      where ${error ?? null}::text is not null and id = any(${uuidArray(ids)}::uuid[])`);

  /** Returns how many rows were published, or 'failed' when the transport threw. */
  const publishBacklog = async (probe: boolean): Promise<number | 'failed'> => {
    // A wake follows a commit that wrote events (or a full batch left more): straight to the claim.
    // A timer poll usually finds nothing: one read of the partial index answers it.
    if (probe) {
      const backlog = await db.select({ seq: outbox.seq }).from(outbox).where(isNull(outbox.publishedAt)).limit(1);
      if (backlog.length === 0) return 0;
    }
    let published = 0;
    let done: string[] = [];
    for (;;) {
      const { held, rows } = await claim(done, stopping ? 0 : batchSize);
      if (rows.length === 0) {
        // Taken for rows another relay marked meanwhile: give it back now, not after leaseMs.
        if (held) await giveBack([]);
        return published;
      }
      const ids = rows.map((row) => row.id);
      try {
        await transport.publish(rows.map(({ topic, key, payload }) => ({ topic: topic!, key: key!, envelope: payload! })));
      } catch (error) {
        const message = errorMessage(error);
        logger.warn({ err: message, rows: rows.length, outbox: outboxName }, 'outbox publish failed; will retry');
        await giveBack(ids, message.slice(0, 2_000));
        return 'failed';
      }
      published += rows.length;
      done = ids;
    }
  };

  const loop = startWorkerLoop({
    pass: (fresh) => publishBacklog(!fresh),
    batchSize,
    idleMs: () => pollIntervalMs,
    failureMs: () => pollIntervalMs,
    onError: (error) => logger.error({ err: errorMessage(error), outbox: outboxName }, 'outbox relay batch failed'),
  });
  return {
    wake: () => loop.wake(),
    async stop() {
      stopping = true;
      await loop.stop();
    },
  };
}
