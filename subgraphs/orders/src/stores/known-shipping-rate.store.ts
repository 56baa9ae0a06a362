import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@shop/db';
import { knownShippingRates } from '../db/schema';

const rateRow = z.object({ rateId: z.string(), country: z.string(), currency: z.string(), carrier: z.string(), name: z.string() });
export type KnownShippingRate = z.infer<typeof rateRow>;

/** SQL for orders' copy of the shipping options, written only by the shipping-rate events consumer. */
export class KnownShippingRateStore {
  constructor(private readonly db: Executor) {}

  async find(rateId: string, db: Executor = this.db): Promise<KnownShippingRate | null> {
    const rows = await db
      .select({
        rateId: knownShippingRates.rateId,
        country: knownShippingRates.country,
        currency: knownShippingRates.currency,
        carrier: knownShippingRates.carrier,
        name: knownShippingRates.name,
      })
      .from(knownShippingRates)
      .where(eq(knownShippingRates.rateId, rateId));
    return rows[0] ? rateRow.parse(rows[0]) : null;
  }

  async upsert(rate: KnownShippingRate, db: Executor): Promise<void> {
    const { rateId: _key, ...rest } = rate;
    await db
      .insert(knownShippingRates)
      .values(rate)
      .onConflictDoUpdate({ target: knownShippingRates.rateId, set: { ...rest, updatedAt: new Date() } });
  }

  async delete(rateId: string, db: Executor): Promise<KnownShippingRate | null> {
    const found = await this.find(rateId, db);
    await db.delete(knownShippingRates).where(eq(knownShippingRates.rateId, rateId));
    return found;
  }
}
