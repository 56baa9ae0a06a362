import { and, asc, inArray, isNull, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { Database } from '@shop/db';
import type { EventTransport } from './event-transport';
import { errorMessage, silentLogger, type EventsLogger } from './logger';
import type { OutboxTable } from './outbox-tables';
import { startWorkerLoop, type WorkerLoop } from './worker-loop';

export interface OutboxRelayOptions {
  db: Database;
  outbox: OutboxTable;
  transport: EventTransport;
  /** Rows published per transaction: larger batches amortize the round trips. @default 100 */
  batchSize?: number;
  /**
   * Polling interval when idle, and the wait after a failure. `wake()` covers the common path
   * (right after a commit), so polling only picks up rows written by other processes or left by
   * a failure. @default 1000
   */
  pollIntervalMs?: number;
  logger?: EventsLogger;
}

/** `wake()` publishes now instead of at the next poll: call it after committing a transaction with events. */
export type OutboxRelay = WorkerLoop;

/**
 * Publishes outbox rows oldest first. Each batch is one transaction: rows are locked with
 * FOR UPDATE SKIP LOCKED and marked, then published, so a crash before the commit republishes them
 * (at-least-once; the consumers' inbox removes duplicates) and nothing is lost. A transaction-level
 * advisory lock lets one relay per outbox work at a time: two relays publishing disjoint batches
 * concurrently could reorder one aggregate's events across the batches.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, outbox, transport, batchSize = 100, pollIntervalMs = 1000 } = options;
  const logger = options.logger ?? silentLogger;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('startOutboxRelay: batchSize must be an integer >= 1');
  if (!(pollIntervalMs > 0)) throw new Error('startOutboxRelay: pollIntervalMs must be > 0');
  const { schema, name } = getTableConfig(outbox);
  const lockName = `${schema ?? 'public'}.${name}`;

  /** Returns how many rows were published, or 'failed' when the transport threw. */
  const publishBatch = async (probe: boolean): Promise<number | 'failed'> => {
    // A wake follows a commit that wrote events (or a full batch left more): straight to the claim.
    // A timer poll usually finds nothing: one read of the partial index answers it instead of a
    // transaction.
    if (probe) {
      const backlog = await db.select({ seq: outbox.seq }).from(outbox).where(isNull(outbox.publishedAt)).limit(1);
      if (backlog.length === 0) return 0;
    }
    return db.transaction(async (tx): Promise<number | 'failed'> => {
      // One statement claims the batch: the advisory lock (an init plan, taken once), the oldest
      // unpublished rows locked and marked published. The marks commit only if Kafka took the batch.
      const oldest = tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(isNull(outbox.publishedAt), sql`(select pg_try_advisory_xact_lock(hashtext(${lockName})))`))
        .orderBy(asc(outbox.seq))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      const rows = await tx
        .update(outbox)
        .set({ publishedAt: sql`now()`, attempts: sql`${outbox.attempts} + 1` })
        .where(inArray(outbox.id, oldest))
        .returning({ id: outbox.id, seq: outbox.seq, topic: outbox.topic, key: outbox.key, payload: outbox.payload });
      if (rows.length === 0) return 0;
      rows.sort((x, y) => x.seq - y.seq);
      const ids = rows.map((row) => row.id);
      try {
        await transport.publish(rows.map(({ topic, key, payload }) => ({ topic, key, envelope: payload })));
      } catch (error) {
        const message = errorMessage(error);
        logger.warn({ err: message, rows: rows.length, outbox: lockName }, 'outbox publish failed; will retry');
        await tx
          .update(outbox)
          .set({ publishedAt: null, lastError: message.slice(0, 2_000) })
          .where(inArray(outbox.id, ids));
        return 'failed';
      }
      return rows.length;
    });
  };

  return startWorkerLoop({
    pass: (fresh) => publishBatch(!fresh),
    batchSize,
    idleMs: () => pollIntervalMs,
    failureMs: () => pollIntervalMs,
    onError: (error) => logger.error({ err: errorMessage(error), outbox: lockName }, 'outbox relay batch failed'),
  });
}
