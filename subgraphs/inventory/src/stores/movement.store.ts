import { and, count, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { stockMovements } from '../db/schema';

const movementRow = z.object({
  id: z.string().uuid(),
  seq: z.number().int(),
  productId: z.string(),
  variantId: z.string(),
  kind: z.enum(['adjustment', 'sale', 'restock']),
  delta: z.number().int(),
  onHandAfter: z.number().int().min(0),
  reason: z.string().nullable(),
  actorId: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  reservationId: z.string().uuid().nullable(),
  createdAt: z.date(),
});
export type MovementRecord = z.infer<typeof movementRow>;
export type NewMovement = Omit<MovementRecord, 'id' | 'seq' | 'createdAt'>;

/** Whose ledger: a product's (every variant) or one variant's. */
export type LedgerOf = { productId: string } | { variantId: string };
const ledgerOf = (of: LedgerOf) => ('variantId' in of ? eq(stockMovements.variantId, of.variantId) : eq(stockMovements.productId, of.productId));

const parse = (rows: unknown[]) => rows.map((row) => movementRow.parse(row));

/** SQL for the stock ledger (append-only). */
export class MovementStore {
  constructor(private readonly db: Executor) {}

  /** Null when this admin already used the idempotency key (the unique index decides, also under concurrency). */
  async insert(movement: NewMovement, db: Executor): Promise<MovementRecord | null> {
    const rows = await db
      .insert(stockMovements)
      .values(movement)
      .onConflictDoNothing({ target: [stockMovements.actorId, stockMovements.idempotencyKey] })
      .returning();
    return parse(rows)[0] ?? null;
  }

  async findByKey(actorId: string, idempotencyKey: string): Promise<MovementRecord | null> {
    const rows = await this.db
      .select()
      .from(stockMovements)
      .where(and(eq(stockMovements.actorId, actorId), eq(stockMovements.idempotencyKey, idempotencyKey)));
    return parse(rows)[0] ?? null;
  }

  /** Newest first, `limit` rows of a product's or a variant's ledger after the movement at `beforeSeq` (keyset pagination). */
  async page(of: LedgerOf, beforeSeq: number | null, limit: number): Promise<MovementRecord[]> {
    const rows = await this.db
      .select()
      .from(stockMovements)
      .where(and(ledgerOf(of), beforeSeq === null ? undefined : lt(stockMovements.seq, beforeSeq)))
      .orderBy(desc(stockMovements.seq))
      .limit(limit);
    return parse(rows);
  }

  async count(of: LedgerOf): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(stockMovements).where(ledgerOf(of));
    return row?.n ?? 0;
  }
}
