import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { addresses } from '../db/schema';

const addressRow = z.object({
  id: z.string().uuid(),
  userId: z.string().uuid(),
  label: z.string().nullable(),
  name: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  postalCode: z.string(),
  country: z.string(),
  phone: z.string().nullable(),
  isDefault: z.boolean(),
  createdAt: z.date(),
});
export type AddressRecord = z.infer<typeof addressRow>;
export type AddressFields = Omit<AddressRecord, 'id' | 'userId' | 'isDefault' | 'createdAt'>;

const parse = (rows: unknown[]) => rows.map((row) => addressRow.parse(row));

/** SQL for addresses; every query is scoped by user id so one user never touches another's rows. */
export class AddressStore {
  constructor(private readonly db: Executor) {}

  /** Default first, then oldest first; one query for a batch of users. */
  async listForUsers(userIds: readonly string[]): Promise<AddressRecord[]> {
    if (userIds.length === 0) return [];
    return parse(
      await this.db
        .select()
        .from(addresses)
        .where(inArray(addresses.userId, [...userIds]))
        .orderBy(desc(addresses.isDefault), asc(addresses.createdAt), asc(addresses.id)),
    );
  }

  async countForUser(userId: string, db: Executor = this.db): Promise<number> {
    const [row] = await db.select({ n: count() }).from(addresses).where(eq(addresses.userId, userId));
    return row?.n ?? 0;
  }

  async insert(userId: string, fields: AddressFields, isDefault: boolean, db: Executor = this.db): Promise<AddressRecord> {
    return parse(
      await db
        .insert(addresses)
        .values({ ...fields, userId, isDefault })
        .returning(),
    )[0]!;
  }

  async update(userId: string, id: string, fields: AddressFields): Promise<AddressRecord | null> {
    const rows = await this.db
      .update(addresses)
      .set(fields)
      .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
      .returning();
    return parse(rows)[0] ?? null;
  }

  async delete(userId: string, id: string): Promise<AddressRecord | null> {
    const rows = await this.db
      .delete(addresses)
      .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
      .returning();
    return parse(rows)[0] ?? null;
  }

  /** Locks the caller's address row for the rest of the transaction; null when it is not theirs. */
  async findOwnedForUpdate(userId: string, id: string, db: Executor): Promise<AddressRecord | null> {
    const rows = await db
      .select()
      .from(addresses)
      .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
      .for('update');
    return parse(rows)[0] ?? null;
  }

  /**
   * Clears the old default before setting the new one (the partial unique index allows one).
   * Callers check first that `id` is the user's (findOwnedForUpdate) in the same transaction.
   */
  async setDefault(userId: string, id: string, db: Executor): Promise<AddressRecord | null> {
    await db
      .update(addresses)
      .set({ isDefault: false })
      .where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true)));
    const rows = await db
      .update(addresses)
      .set({ isDefault: true })
      .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
      .returning();
    return parse(rows)[0] ?? null;
  }
}
