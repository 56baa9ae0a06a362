import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { CountryRateStore, type CountryRateKey, type Executor } from '@shop/db';
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
export type TaxRateKey = CountryRateKey;

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
/** SQL for tax rates. The (country, region, category) key is unique with NULLS NOT DISTINCT. */
export class TaxRateStore extends CountryRateStore<typeof taxRates, TaxRateRecord, TaxRateFields> {
  constructor(db: Executor) {
    super(db, taxRates, columns, (row) => taxRateRow.parse(row));
  }

  /** Every rate of a country (a handful): what a quote chooses from. */
  async forCountry(country: string): Promise<TaxRateRecord[]> {
    return this.parse(await this.db.select(columns).from(taxRates).where(eq(taxRates.country, country)).orderBy(asc(taxRates.seq)));
  }
}
