import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { ledgerEntries, payments, statusHistory } from '../db/schema';

export const paymentStatuses = ['AUTHORIZED', 'CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'FAILED', 'DECLINED'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

const paymentRow = z.object({
  id: z.string().uuid(),
  orderId: z.string(),
  customerId: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  status: z.enum(paymentStatuses),
  cardBrand: z.string(),
  cardLast4: z.string(),
  failureReason: z.string().nullable(),
  providerRef: z.string().nullable(),
  createdAt: z.date(),
  capturedAmount: z.coerce.number().int(),
  refundedAmount: z.coerce.number().int(),
});
export type PaymentRecord = z.infer<typeof paymentRow>;

const historyRow = z.object({ paymentId: z.string().uuid(), status: z.enum(paymentStatuses), reason: z.string().nullable(), at: z.date() });
export type StatusChangeRecord = z.infer<typeof historyRow>;

export type NewPayment = Omit<PaymentRecord, 'id' | 'createdAt' | 'capturedAmount' | 'refundedAmount' | 'failureReason' | 'providerRef'> & {
  failureReason: string | null;
  providerRef: string | null;
};

const ledgerSum = (kind: 'capture' | 'refund') =>
  sql<number>`coalesce((select sum(l.amount) from "payments"."ledger_entries" l where l.payment_id = "payments"."payments"."id" and l.kind = ${kind}), 0)::int`;

/** Payment columns plus the captured/refunded totals summed from the ledger. */
const columns = {
  id: payments.id,
  orderId: payments.orderId,
  customerId: payments.customerId,
  amount: payments.amount,
  currency: payments.currency,
  status: payments.status,
  cardBrand: payments.cardBrand,
  cardLast4: payments.cardLast4,
  failureReason: payments.failureReason,
  providerRef: payments.providerRef,
  createdAt: payments.createdAt,
  capturedAmount: ledgerSum('capture'),
  refundedAmount: ledgerSum('refund'),
};

const parse = (rows: unknown[]) => rows.map((row) => paymentRow.parse(row));

/** SQL for payments, their status history and the append-only ledger. */
export class PaymentStore {
  constructor(private readonly db: Executor) {}

  /** One round trip for a batch; order not guaranteed. */
  async findByIds(ids: readonly string[], db: Executor = this.db): Promise<PaymentRecord[]> {
    if (ids.length === 0) return [];
    return parse(
      await db
        .select(columns)
        .from(payments)
        .where(inArray(payments.id, [...ids])),
    );
  }

  /** Every payment of a batch of orders, newest first. */
  async findByOrderIds(orderIds: readonly string[]): Promise<PaymentRecord[]> {
    if (orderIds.length === 0) return [];
    const rows = await this.db
      .select(columns)
      .from(payments)
      .where(inArray(payments.orderId, [...orderIds]))
      .orderBy(sql`${payments.createdAt} desc`, sql`${payments.id} desc`);
    return parse(rows);
  }

  /** Serializes captures and refunds of one payment (the refund total check needs it). */
  async lock(id: string, tx: Executor): Promise<PaymentRecord | null> {
    await tx.select({ id: payments.id }).from(payments).where(eq(payments.id, id)).for('update');
    return (await this.findByIds([id], tx))[0] ?? null;
  }

  async insert(payment: NewPayment, tx: Executor): Promise<string> {
    const [row] = await tx.insert(payments).values(payment).returning({ id: payments.id });
    await tx.insert(statusHistory).values({ paymentId: row!.id, status: payment.status, reason: payment.failureReason });
    return row!.id;
  }

  /** Gives the order's payments that `from` (a guest) holds to `to` (the customer who claimed the order). */
  async moveToCustomer(orderId: string, from: string, to: string, tx: Executor): Promise<void> {
    await tx
      .update(payments)
      .set({ customerId: to, updatedAt: new Date() })
      .where(and(eq(payments.orderId, orderId), eq(payments.customerId, from)));
  }

  async setStatus(id: string, status: PaymentStatus, reason: string | null, tx: Executor): Promise<void> {
    const failure = status === 'FAILED' || status === 'DECLINED' ? { failureReason: reason } : {};
    await tx
      .update(payments)
      .set({ status, ...failure, updatedAt: new Date() })
      .where(eq(payments.id, id));
    await tx.insert(statusHistory).values({ paymentId: id, status, reason });
  }

  async appendLedger(
    entry: { paymentId: string; kind: 'authorization' | 'capture' | 'refund'; amount: number; currency: string; providerRef: string; idempotencyKey: string },
    tx: Executor,
    alongside?: SQL,
  ): Promise<void> {
    // `alongside`: a data-modifying CTE written in the same statement (the key's final outcome).
    if (!alongside) await tx.insert(ledgerEntries).values(entry);
    else await tx.with(tx.$with('alongside', {}).as(alongside)).insert(ledgerEntries).values(entry);
  }

  async ledgerFor(paymentId: string): Promise<Array<{ kind: string; amount: number; idempotencyKey: string }>> {
    return this.db
      .select({ kind: ledgerEntries.kind, amount: ledgerEntries.amount, idempotencyKey: ledgerEntries.idempotencyKey })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.paymentId, paymentId))
      .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.kind));
  }

  async historyFor(paymentIds: readonly string[]): Promise<StatusChangeRecord[]> {
    if (paymentIds.length === 0) return [];
    const rows = await this.db
      .select({ paymentId: statusHistory.paymentId, status: statusHistory.status, reason: statusHistory.reason, at: statusHistory.at })
      .from(statusHistory)
      .where(inArray(statusHistory.paymentId, [...paymentIds]))
      .orderBy(asc(statusHistory.at), asc(statusHistory.id));
    return rows.map((row) => historyRow.parse(row));
  }
}
