import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { carts, type StoredAddress } from '../db/schema';

const addressShape = z.object({
  name: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  postalCode: z.string(),
  country: z.string(),
});

const cartRow = z.object({
  id: z.string().uuid(),
  userId: z.string().uuid().nullable(),
  guestKey: z.string().nullable(),
  currency: z.string().nullable(),
  couponCode: z.string().nullable(),
  shippingAddress: addressShape.nullable(),
  shippingMethodId: z.string().nullable(),
  shippingMethodNotice: z.string().nullable(),
  updatedAt: z.date(),
});
export type CartRecord = z.infer<typeof cartRow>;

/** Whose cart: a signed-in user's, or a guest's, named by the key of its cart token. */
export type CartOwner = { userId: string; guestKey?: undefined } | { guestKey: string; userId?: undefined };

/** The cart columns a mutation may change. */
export type CartChanges = Partial<{
  currency: string | null;
  couponCode: string | null;
  shippingAddress: StoredAddress | null;
  shippingMethodId: string | null;
  shippingMethodNotice: string | null;
}>;

const columns = {
  id: carts.id,
  userId: carts.userId,
  guestKey: carts.guestKey,
  currency: carts.currency,
  couponCode: carts.couponCode,
  shippingAddress: carts.shippingAddress,
  shippingMethodId: carts.shippingMethodId,
  shippingMethodNotice: carts.shippingMethodNotice,
  updatedAt: carts.updatedAt,
};
const isOpen = sql`${carts.status} = 'open'`;
const parse = (rows: unknown[]) => rows.map((row) => cartRow.parse(row));

/** SQL for carts; an owner's open cart is found by user id or guest key, so callers never touch another's cart. */
export class CartStore {
  constructor(private readonly db: Executor) {}

  /**
   * The owner's open cart, created if missing. Concurrent first calls race on the partial unique
   * index; the losers insert nothing and read the winner's row. `lock` holds it until commit, which
   * serializes every change to one cart (quantities, line count, currency).
   */
  async openFor(owner: CartOwner, db: Executor = this.db, lock = false): Promise<CartRecord> {
    const target = owner.userId !== undefined ? carts.userId : carts.guestKey;
    const key = owner.userId ?? owner.guestKey;
    await db
      .insert(carts)
      .values(owner.userId !== undefined ? { userId: owner.userId } : { guestKey: owner.guestKey })
      .onConflictDoNothing({ target, where: isOpen });
    const query = db
      .select(columns)
      .from(carts)
      .where(and(eq(target, key), isOpen));
    const [cart] = parse(lock ? await query.for('update') : await query);
    if (!cart) throw new Error('orders: an open cart vanished');
    return cart;
  }

  /** Whether some cart (open, ordered or merged) was ever made for this guest key: only issued cart tokens name a guest. */
  async guestKnown(guestKey: string, db: Executor = this.db): Promise<boolean> {
    const [row] = await db.select({ id: carts.id }).from(carts).where(eq(carts.guestKey, guestKey)).limit(1);
    return row !== undefined;
  }

  /** The guest's open cart (locked until commit with `lock`), or null. */
  async openGuestCart(guestKey: string, db: Executor = this.db, lock = false): Promise<CartRecord | null> {
    const query = db
      .select(columns)
      .from(carts)
      .where(and(eq(carts.guestKey, guestKey), isOpen));
    const [cart] = parse(lock ? await query.for('update') : await query);
    return cart ?? null;
  }

  /** The guest cart's lines went to an account's cart: it is closed for good. */
  async markMerged(cartId: string, db: Executor): Promise<void> {
    await db.update(carts).set({ status: 'merged', updatedAt: new Date() }).where(eq(carts.id, cartId));
  }

  /** One round trip for a batch of references; unknown ids are simply missing. */
  async findByIds(ids: readonly string[]): Promise<CartRecord[]> {
    if (ids.length === 0) return [];
    return parse(
      await this.db
        .select(columns)
        .from(carts)
        .where(inArray(carts.id, [...ids])),
    );
  }

  /**
   * Any cart by id, locked until commit, with its status: checkout serializes on it, so the same
   * idempotency key sent twice at once finds the first order instead of racing it.
   */
  async lockForCheckout(cartId: string, db: Executor): Promise<(CartRecord & { status: string }) | null> {
    const [row] = await db
      .select({ ...columns, status: carts.status })
      .from(carts)
      .where(eq(carts.id, cartId))
      .for('update');
    return row ? { ...cartRow.parse(row), status: z.string().parse(row.status) } : null;
  }

  /** The cart became an order: the user's next cart is a new one. */
  /** The cart marked ordered, as a data-modifying CTE of the statement that inserts its order. */
  markOrdered(cartId: string): SQL {
    return sql`update ${carts} set status = 'ordered', updated_at = now() where id = ${cartId}`;
  }

  /**
   * A shipping rate was withdrawn or moved: every open cart that chose it and is no longer served
   * by it (`servedCountry` null: by nowhere) falls back to the cheapest option, saying why.
   */
  async clearShippingMethod(rateId: string, servedCountry: string | null, notice: string, db: Executor): Promise<void> {
    const unserved = servedCountry === null ? sql`true` : sql`coalesce(${carts.shippingAddress}->>'country', '') <> ${servedCountry}`;
    await db
      .update(carts)
      .set({ shippingMethodId: null, shippingMethodNotice: notice, updatedAt: new Date() })
      .where(and(eq(carts.shippingMethodId, rateId), isOpen, unserved));
  }

  async update(cartId: string, changes: CartChanges, db: Executor): Promise<void> {
    await db
      .update(carts)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(carts.id, cartId));
  }
}
