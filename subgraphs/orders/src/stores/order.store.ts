import { and, desc, eq, getTableColumns, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { orderStatuses, type InboxClaim, type OrderStatus, type OutboxRow } from '@shop/events';
import { historyEntry, outboxInsert } from './order-history.store';
import { orders, type StoredAddress, type StoredAppliedPromotion, type StoredCouponRejection, type StoredOrderLine } from '../db/schema';

const orderRow = z.object({
  id: z.string().uuid(),
  seq: z.number().int(),
  customerId: z.string().min(1),
  guestKey: z.string().nullable(),
  contactEmail: z.string().nullable(),
  cartId: z.string().uuid(),
  idempotencyKey: z.string(),
  status: z.enum(orderStatuses),
  currency: z.string(),
  lines: z.array(z.custom<StoredOrderLine>()),
  couponCode: z.string().nullable(),
  shippingAddress: z.custom<StoredAddress>(),
  paymentToken: z.string(),
  subtotal: z.number().int(),
  discount: z.number().int().nullable(),
  promotions: z.array(z.custom<StoredAppliedPromotion>()).nullable(),
  couponRejection: z.custom<StoredCouponRejection>().nullable(),
  shippingCost: z.number().int().nullable(),
  carrier: z.string().nullable(),
  tax: z.number().int().nullable(),
  total: z.number().int().nullable(),
  cancelCode: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type OrderRecord = z.infer<typeof orderRow>;

export type NewOrder = Pick<
  OrderRecord,
  | 'customerId'
  | 'guestKey'
  | 'contactEmail'
  | 'cartId'
  | 'idempotencyKey'
  | 'status'
  | 'currency'
  | 'lines'
  | 'couponCode'
  | 'shippingAddress'
  | 'paymentToken'
  | 'subtotal'
>;

/** What a step writes with its change of the order: a history entry, outbox rows. */
export interface OrderUpdateAlongside {
  entry?: { status: OrderStatus; reason: string | null; at: Date };
  events?: readonly OutboxRow[];
}

/** The saga columns a step may change. */
export type OrderChanges = Partial<
  Pick<
    OrderRecord,
    'status' | 'lines' | 'discount' | 'promotions' | 'couponRejection' | 'shippingCost' | 'carrier' | 'tax' | 'total' | 'cancelCode' | 'cancelReason'
  >
>;

export interface OrderPageQuery {
  customerId?: string;
  status?: OrderStatus;
  /** Newest first: rows with seq below this. */
  beforeSeq: number | null;
  limit: number;
}

const parse = (rows: unknown[]) => rows.map((row) => orderRow.parse(row));

/** SQL for orders; rows are parsed at the boundary. */
export class OrderStore {
  constructor(private readonly db: Executor) {}

  /**
   * Inserts the order with, in the SAME statement (data-modifying CTEs), its first history entry,
   * its outbox rows and `also` (the cart marked ordered): placing an order is one write.
   */
  async insert(
    order: NewOrder & { id: string },
    db: Executor,
    alongside: { entry: { reason: string | null; at: Date }; events: readonly OutboxRow[]; also?: readonly SQL[] },
  ): Promise<{ order: OrderRecord; position: number }> {
    const { entry, events, also = [] } = alongside;
    const ctes = [
      db.$with('entry', {}).as(historyEntry(order.id, order.status, entry.reason, entry.at)),
      ...(events.length > 0 ? [db.$with('events', {}).as(outboxInsert(events))] : []),
      ...also.map((statement, i) => db.$with(`also${i}`, {}).as(statement)),
    ];
    const [row] = await db
      .with(...ctes)
      .insert(orders)
      .values(order)
      .returning({ ...getTableColumns(orders), position: sql<number>`(select position from entry)` });
    const { position, ...inserted } = row ?? {};
    return { order: orderRow.parse(inserted), position: Number(position) };
  }

  /** The order the customer (or guest: `guestKey`) placed with this key; a guest order a user claimed is not theirs for this. */
  async findByIdempotencyKey(customerId: string, guestKey: string | null, key: string, db: Executor = this.db): Promise<OrderRecord | null> {
    const rows = await db
      .select()
      .from(orders)
      .where(and(eq(orders.customerId, customerId), sql`coalesce(${orders.guestKey}, '') = ${guestKey ?? ''}`, eq(orders.idempotencyKey, key)));
    return parse(rows)[0] ?? null;
  }

  /**
   * The row locked until commit: saga steps on one order run one after the other. With an inbox
   * `claim`, the event's inbox row is written in the same statement, and an event handled before
   * answers null as a missing order does (the step does nothing either way).
   */
  async lock(id: string, db: Executor, claim?: InboxClaim): Promise<OrderRecord | null> {
    if (!claim) return parse(await db.select().from(orders).where(eq(orders.id, id)).for('update'))[0] ?? null;
    const claimed = db.$with('claim', {}).as(claim.insert);
    const [row] = await db
      .with(claimed)
      .select({ ...getTableColumns(orders), fresh: sql<boolean>`exists(select 1 from claim)` })
      .from(orders)
      .where(eq(orders.id, id))
      .for('update');
    if (!row?.fresh) return null;
    const { fresh: _fresh, ...order } = row;
    return orderRow.parse(order);
  }

  async findByIds(ids: readonly string[], db: Executor = this.db): Promise<OrderRecord[]> {
    if (ids.length === 0) return [];
    return parse(
      await db
        .select()
        .from(orders)
        .where(inArray(orders.id, [...ids])),
    );
  }

  /**
   * Changes the order and, in the SAME statement (data-modifying CTEs), appends its history entry
   * (when the step records a status) and the step's outbox rows: a saga step's whole write is one
   * round trip. `position` is the new entry's, or null without one.
   */
  async update(
    id: string,
    changes: OrderChanges,
    db: Executor,
    alongside: OrderUpdateAlongside = {},
  ): Promise<{ order: OrderRecord; position: number | null }> {
    const { entry, events = [] } = alongside;
    const ctes = [
      ...(entry ? [db.$with('entry', {}).as(historyEntry(id, entry.status, entry.reason, entry.at))] : []),
      ...(events.length > 0 ? [db.$with('events', {}).as(outboxInsert(events))] : []),
    ];
    const [row] = await db
      .with(...ctes)
      .update(orders)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(orders.id, id))
      .returning({ ...getTableColumns(orders), position: entry ? sql<number>`(select position from entry)` : sql<null>`null` });
    const { position, ...order } = row ?? {};
    return { order: orderRow.parse(order), position: position === null || position === undefined ? null : Number(position) };
  }

  /** One page, newest first, `limit` rows (callers ask for one more to learn whether more follow). */
  async page(query: OrderPageQuery): Promise<OrderRecord[]> {
    const rows = await this.db
      .select()
      .from(orders)
      .where(and(...this.filters(query), query.beforeSeq === null ? undefined : lt(orders.seq, query.beforeSeq)))
      .orderBy(desc(orders.seq))
      .limit(query.limit);
    return parse(rows);
  }

  /**
   * How many orders that are not cancelled were priced with the promotion, in all and for the
   * customer: the uses promotions holds for them (reserved when it discounted them, given back when
   * they were cancelled).
   */
  async usesOfPromotion(promotionId: string, customerId: string, db: Executor = this.db): Promise<{ total: number; byCustomer: number }> {
    const priced = sql`${orders.promotions} @> ${JSON.stringify([{ promotionId }])}::jsonb`;
    const [row] = await db
      .select({ total: sql<number>`count(*)::int`, byCustomer: sql<number>`(count(*) filter (where ${orders.customerId} = ${customerId}))::int` })
      .from(orders)
      .where(and(priced, sql`${orders.status} <> 'CANCELLED'`));
    return { total: row?.total ?? 0, byCustomer: row?.byCustomer ?? 0 };
  }

  async count(query: Pick<OrderPageQuery, 'customerId' | 'status'>): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(orders)
      .where(and(...this.filters(query)));
    return row?.n ?? 0;
  }

  private filters(query: Pick<OrderPageQuery, 'customerId' | 'status'>): SQL[] {
    const filters: SQL[] = [];
    if (query.customerId) filters.push(eq(orders.customerId, query.customerId));
    if (query.status) filters.push(eq(orders.status, query.status));
    return filters;
  }
}
