import { z } from 'zod';
import { CountryRateStore, type CountryRateKey, type Executor } from '@shop/db';
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
export type ShippingRateKey = CountryRateKey;

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
/** SQL for shipping rates. (country, carrier, name, currency) is unique. */
export class ShippingRateStore extends CountryRateStore<typeof shippingRates, ShippingRateRecord, ShippingRateFields> {
  constructor(db: Executor) {
    super(db, shippingRates, columns, (row) => shippingRateRow.parse(row));
  }
}
