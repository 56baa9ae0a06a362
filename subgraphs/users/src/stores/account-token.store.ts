import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@shop/db';
import { accountTokens, refreshTokens, users, type AccountTokenPurpose } from '../db/schema';

/** SQL for one-time e-mailed tokens, and the account changes they authorize. */
export class AccountTokenStore {
  constructor(private readonly db: Executor) {}

  async insert(token: { userId: string; purpose: AccountTokenPurpose; tokenHash: string; email: string; expiresAt: Date }, db: Executor): Promise<void> {
    await db.insert(accountTokens).values(token);
  }

  async find(tokenHash: string, purpose: AccountTokenPurpose, db: Executor = this.db) {
    const [row] = await db
      .select({
        id: accountTokens.id,
        userId: accountTokens.userId,
        email: accountTokens.email,
        expiresAt: accountTokens.expiresAt,
        usedAt: accountTokens.usedAt,
      })
      .from(accountTokens)
      .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose)));
    return row ?? null;
  }

  /** Marks the token used; false when another request used it first (exactly one wins). */
  async use(id: string, db: Executor): Promise<boolean> {
    const rows = await db
      .update(accountTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(accountTokens.id, id), isNull(accountTokens.usedAt)))
      .returning({ id: accountTokens.id });
    return rows.length === 1;
  }

  /** Every other unused token of this purpose stops working (a reset voids older reset mails). */
  async voidOthers(userId: string, purpose: AccountTokenPurpose, db: Executor): Promise<void> {
    await db
      .update(accountTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
  }

  /** New password, and every refresh-token family of the user revoked: all sessions end. */
  async resetPassword(userId: string, passwordHash: string, db: Executor): Promise<void> {
    await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
    await db
      .update(refreshTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
  }

  /** Marks the address verified, if it still is the account's address; false when it no longer is. */
  async markEmailVerified(userId: string, email: string, db: Executor): Promise<boolean> {
    const rows = await db
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(and(eq(users.id, userId), eq(users.email, email)))
      .returning({ id: users.id });
    return rows.length > 0;
  }
}
