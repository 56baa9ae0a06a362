import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { shippingRates } from '../db/schema';

const shippingRateRow = z.object({
  id: z.string().uuid(),
  seq: z.number().int(),
  country: z.string().length(2),
  carrier: z.string().min(1),
  name: z.string().min(1),
  priceAmount: z.number().int().min(0),
  currency: z.string().length(3),
  freeOverAmount: z.number().int().min(0).nullable(),
  estimatedDays: z.number().int().min(0),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ShippingRateRecord = z.infer<typeof shippingRateRow>;
export type ShippingRateFields = Omit<ShippingRateRecord, 'id' | 'seq' | 'createdAt' | 'updatedAt'>;
/** Position in the listing order (country, then creation). */
export interface ShippingRateKey {
  country: string;
  seq: number;
}

const columns = {
  id: shippingRates.id,
  seq: shippingRates.seq,
  country: shippingRates.country,
  carrier: shippingRates.carrier,
  name: shippingRates.name,
  priceAmount: shippingRates.priceAmount,
  currency: shippingRates.currency,
  freeOverAmount: shippingRates.freeOverAmount,
  estimatedDays: shippingRates.estimatedDays,
  createdAt: shippingRates.createdAt,
  updatedAt: shippingRates.updatedAt,
};
const parse = (rows: unknown[]) => rows.map((row) => shippingRateRow.parse(row));

/** True for PostgreSQL's unique_violation, however the driver (pg, PGlite, drizzle) wraps it. */
export function isUniqueViolation(error: unknown): boolean {
  let cause = error;
  for (let depth = 0; depth < 5 && cause instanceof Object; depth++, cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** SQL for shipping rates. (country, carrier, name, currency) is unique. */
export class ShippingRateStore {
  constructor(private readonly db: Executor) {}

  async page(country: string | null, after: ShippingRateKey | null, limit: number): Promise<ShippingRateRecord[]> {
    const filters: SQL[] = [];
    if (country) filters.push(eq(shippingRates.country, country));
    if (after) filters.push(sql`(${shippingRates.country}, ${shippingRates.seq}) > (${after.country}, ${after.seq})`);
    const rows = await this.db
      .select(columns)
      .from(shippingRates)
      .where(and(...filters))
      .orderBy(asc(shippingRates.country), asc(shippingRates.seq))
      .limit(limit); // shipping_rates.page
    return parse(rows);
  }

  async count(country: string | null): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(shippingRates).where(country ? eq(shippingRates.country, country) : undefined); // shipping_rates.count
    return row?.n ?? 0;
  }

  /** Every rate of these countries (a handful each), in creation order: what quotes choose from. */
  async forCountries(countries: readonly string[], db: Executor = this.db): Promise<ShippingRateRecord[]> {
    if (countries.length === 0) return [];
    const rows = await db
      .select(columns)
      .from(shippingRates)
      .where(inArray(shippingRates.country, [...countries]))
      .orderBy(asc(shippingRates.seq)); // shipping_rates.forCountries
    return parse(rows);
  }

  async findByIds(ids: readonly string[]): Promise<ShippingRateRecord[]> {
    if (ids.length === 0) return [];
    return parse(await this.db.select(columns).from(shippingRates).where(inArray(shippingRates.id, [...ids]))); // shipping_rates.findByIds
  }

  /** Null when a rate with the same country, carrier, name and currency exists. */
  async insert(fields: ShippingRateFields, db: Executor): Promise<ShippingRateRecord | null> {
    const rows = await db.insert(shippingRates).values(fields).onConflictDoNothing().returning(columns); // shipping_rates.insert
    return parse(rows)[0] ?? null;
  }

  /** Throws a unique violation (see isUniqueViolation) when the new key is taken. */
  async update(id: string, fields: ShippingRateFields, db: Executor): Promise<ShippingRateRecord | null> {
    const rows = await db.update(shippingRates).set({ ...fields, updatedAt: new Date() }).where(eq(shippingRates.id, id)).returning(columns); // shipping_rates.update
    return parse(rows)[0] ?? null;
  }

  async delete(id: string, db: Executor): Promise<ShippingRateRecord | null> {
    return parse(await db.delete(shippingRates).where(eq(shippingRates.id, id)).returning(columns))[0] ?? null; // shipping_rates.delete
  }
}
