import { and, eq, isNotNull, like, sql } from 'drizzle-orm';
import type { Executor } from '@shop/db';
import { orders, verifiedEmails } from '../db/schema';

/** SQL for orders' copy of verified addresses, and the claim of guest orders placed with one. */
export class VerifiedEmailStore {
  constructor(private readonly db: Executor) {}

  /** The user's latest verified address wins; an older event arriving late does not overwrite it. */
  async save(userId: string, email: string, verifiedAt: Date, db: Executor): Promise<void> {
    await db
      .insert(verifiedEmails)
      .values({ userId, email: email.toLowerCase(), verifiedAt })
      .onConflictDoUpdate({
        target: verifiedEmails.userId,
        set: { email: email.toLowerCase(), verifiedAt },
        setWhere: sql`${verifiedEmails.verifiedAt} <= ${verifiedAt}`,
      });
  }

  async of(userId: string, db: Executor = this.db): Promise<string | null> {
    const [row] = await db.select({ email: verifiedEmails.email }).from(verifiedEmails).where(eq(verifiedEmails.userId, userId));
    return row?.email ?? null;
  }

  /** Gives every still-unclaimed guest order with this contact address to the user; the ids of those it moved. */
  async claimGuestOrders(userId: string, email: string, db: Executor): Promise<Array<{ id: string; guestKey: string }>> {
    const rows = await db
      .update(orders)
      .set({ customerId: userId, updatedAt: new Date() })
      .where(and(eq(orders.contactEmail, email), isNotNull(orders.guestKey), like(orders.customerId, 'guest:%')))
      .returning({ id: orders.id, guestKey: orders.guestKey });
    return rows.map((row) => ({ id: row.id, guestKey: row.guestKey! }));
  }
}
