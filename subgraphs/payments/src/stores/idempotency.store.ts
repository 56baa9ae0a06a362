import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { idempotencyKeys } from '../db/schema';

const storedOutcome = z.object({
  paymentId: z.string().uuid().nullable(),
  error: z.object({ code: z.string(), field: z.string().nullable(), message: z.string() }).nullable(),
});
export type StoredOutcome = z.infer<typeof storedOutcome>;

const keyRow = z.object({ fingerprint: z.string(), outcome: storedOutcome.nullable() });
export type IdempotencyKeyRecord = z.infer<typeof keyRow>;

/** SQL for idempotency keys. */
export class IdempotencyStore {
  /**
   * Claims `key` inside the caller's transaction and locks it: a concurrent claim of the same key
   * waits here until the first transaction commits, then sees its recorded outcome. A new key is
   * one statement: the inserted row is this transaction's, locked until it commits.
   */
  async claim(key: string, fingerprint: string, tx: Executor): Promise<IdempotencyKeyRecord> {
    const inserted = await tx.insert(idempotencyKeys).values({ key, fingerprint }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
    if (inserted.length > 0) return { fingerprint, outcome: null };
    const rows = await tx
      .select({ fingerprint: idempotencyKeys.fingerprint, outcome: idempotencyKeys.outcome })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, key))
      .for('update');
    return keyRow.parse(rows[0]);
  }

  async complete(key: string, outcome: StoredOutcome, tx: Executor): Promise<void> {
    await tx.update(idempotencyKeys).set({ outcome }).where(eq(idempotencyKeys.key, key));
  }
}

/** `complete` as a data-modifying CTE, for a step that records its outcome with its own write. */
export const completion = (key: string, outcome: StoredOutcome): SQL =>
  sql`update ${idempotencyKeys} set outcome = ${JSON.stringify(outcome)}::jsonb where key = ${key}`;
