import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { users } from '../db/schema';

const userRow = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  passwordHash: z.string(),
  roles: z.array(z.enum(['customer', 'admin'])),
  emailVerifiedAt: z.date().nullable(),
  createdAt: z.date(),
});
export type UserRecord = z.infer<typeof userRow>;

const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  passwordHash: users.passwordHash,
  roles: users.roles,
  emailVerifiedAt: users.emailVerifiedAt,
  createdAt: users.createdAt,
};

/** SQL for users; rows are parsed at the boundary so services never see a malformed record. */
export class UserStore {
  constructor(private readonly db: Executor) {}

  /** Returns null when the e-mail is already taken (unique violation), so callers need no SQL codes. */
  async insert(user: { email: string; name: string; passwordHash: string; roles?: string[] }, db: Executor = this.db) {
    const rows = await db.insert(users).values(user).onConflictDoNothing({ target: users.email }).returning(columns);
    return rows[0] ? userRow.parse(rows[0]) : null;
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const rows = await this.db.select(columns).from(users).where(eq(users.email, email));
    return rows[0] ? userRow.parse(rows[0]) : null;
  }

  /** One round trip for a whole batch (DataLoader); order of the result is not guaranteed. */
  async findByIds(ids: readonly string[], db: Executor = this.db): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .select(columns)
      .from(users)
      .where(inArray(users.id, [...ids]));
    return rows.map((row) => userRow.parse(row));
  }

  /** Serializes concurrent changes to one user's dependent rows (e.g. the address limit). */
  async lock(id: string, db: Executor): Promise<void> {
    await db.select({ id: users.id }).from(users).where(eq(users.id, id)).for('update');
  }

  async setRoles(id: string, roles: string[]): Promise<UserRecord | null> {
    const rows = await this.db.update(users).set({ roles, updatedAt: new Date() }).where(eq(users.id, id)).returning(columns);
    return rows[0] ? userRow.parse(rows[0]) : null;
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, id));
  }
}
