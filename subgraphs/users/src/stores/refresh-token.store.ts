import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '@shop/db';
import { refreshTokens } from '../db/schema';

export class RefreshTokenStore {
  constructor(private readonly db: Executor) {}

  async insert(token: { userId: string; familyId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.db.insert(refreshTokens).values(token);
  }

  /**
   * Marks a live token used and returns it, atomically: of two concurrent refreshes with the same
   * token exactly one wins. Null when the token is unknown, used, revoked or expired.
   */
  async consume(tokenHash: string, now: Date) {
    const rows = await this.db
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt), gt(refreshTokens.expiresAt, now)))
      .returning({ userId: refreshTokens.userId, familyId: refreshTokens.familyId });
    return rows[0] ?? null;
  }

  async findFamily(tokenHash: string): Promise<string | null> {
    const rows = await this.db.select({ familyId: refreshTokens.familyId }).from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
    return rows[0]?.familyId ?? null;
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.db
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
  }
}
