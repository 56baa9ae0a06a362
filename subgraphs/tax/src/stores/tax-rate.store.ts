import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { taxRates } from '../db/schema';

const taxRateRow = z.object({
  id: z.string().uuid(),
  seq: z.number().int(),
  country: z.string().length(2),
  region: z.string().nullable(),
  category: z.string().nullable(),
  rateBasisPoints: z.number().int().min(0).max(10_000),
  name: z.string(),
  validFrom: z.date().nullable(),
  validTo: z.date().nullable(),
});
export type TaxRateRecord = z.infer<typeof taxRateRow>;
export type TaxRateFields = Omit<TaxRateRecord, 'id' | 'seq'>;
/** Position in the listing order (country, then creation). */
export interface TaxRateKey {
  country: string;
  seq: number;
}

const columns = {
  id: taxRates.id,
  seq: taxRates.seq,
  country: taxRates.country,
  region: taxRates.region,
  category: taxRates.category,
  rateBasisPoints: taxRates.rateBasisPoints,
  name: taxRates.name,
  validFrom: taxRates.validFrom,
  validTo: taxRates.validTo,
};
const parse = (rows: unknown[]) => rows.map((row) => taxRateRow.parse(row));

/** True for PostgreSQL's unique_violation, however the driver (pg, PGlite, drizzle) wraps it. */
export function isUniqueViolation(error: unknown): boolean {
  let cause = error;
  for (let depth = 0; depth < 5 && cause instanceof Object; depth++, cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** SQL for tax rates. The (country, region, category) key is unique with NULLS NOT DISTINCT. */
export class TaxRateStore {
  constructor(private readonly db: Executor) {}

  async page(country: string | null, after: TaxRateKey | null, limit: number): Promise<TaxRateRecord[]> {
    const filters: SQL[] = [];
    if (country) filters.push(eq(taxRates.country, country));
    if (after) filters.push(sql`(${taxRates.country}, ${taxRates.seq}) > (${after.country}, ${after.seq})`);
    const rows = await this.db
      .select(columns)
      .from(taxRates)
      .where(and(...filters))
      .orderBy(asc(taxRates.country), asc(taxRates.seq))
      .limit(limit); // tax_rates.page
    return parse(rows);
  }

  async count(country: string | null): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(taxRates).where(country ? eq(taxRates.country, country) : undefined); // tax_rates.count
    return row?.n ?? 0;
  }

  /** Every rate of a country (a handful): what a quote chooses from. */
  async forCountry(country: string): Promise<TaxRateRecord[]> {
    return parse(await this.db.select(columns).from(taxRates).where(eq(taxRates.country, country)).orderBy(asc(taxRates.seq))); // tax_rates.forCountry
  }

  /** Every rate of the countries (upper case), in one statement: what a batch of carts or an order chooses from. */
  async forCountries(countries: readonly string[], db: Executor = this.db): Promise<TaxRateRecord[]> {
    if (countries.length === 0) return [];
    return parse(await db.select(columns).from(taxRates).where(inArray(taxRates.country, [...countries])).orderBy(asc(taxRates.seq))); // tax_rates.forCountries
  }

  async findByIds(ids: readonly string[]): Promise<TaxRateRecord[]> {
    if (ids.length === 0) return [];
    return parse(await this.db.select(columns).from(taxRates).where(inArray(taxRates.id, [...ids]))); // tax_rates.findByIds
  }

  /** Null when a rate with the same country, region and category exists. */
  async insert(fields: TaxRateFields, db: Executor): Promise<TaxRateRecord | null> {
    const rows = await db.insert(taxRates).values(fields).onConflictDoNothing().returning(columns); // tax_rates.insert
    return parse(rows)[0] ?? null;
  }

  /** Throws a unique violation (see isUniqueViolation) when the new key is taken. */
  async update(id: string, fields: TaxRateFields, db: Executor): Promise<TaxRateRecord | null> {
    const rows = await db.update(taxRates).set({ ...fields, updatedAt: new Date() }).where(eq(taxRates.id, id)).returning(columns); // tax_rates.update
    return parse(rows)[0] ?? null;
  }

  async delete(id: string, db: Executor): Promise<TaxRateRecord | null> {
    return parse(await db.delete(taxRates).where(eq(taxRates.id, id)).returning(columns))[0] ?? null; // tax_rates.delete
  }
}
