import { z } from 'zod';
import { defineDataEvent, defineEvent } from '../define-event';
import { money, orderRepliesTopic } from './saga-shapes';

/** Every tax event, keyed by tax rate id so one rate's changes stay in order. */
export const taxTopic = 'shop.tax';

/** A tax rate as it is after the change (as it was, for `deleted`). */
const taxRateSnapshot = z.object({
  taxRateId: z.string().min(1),
  /** ISO 3166-1 alpha-2. */
  country: z.string().regex(/^[A-Z]{2}$/),
  region: z.string().min(1).nullable(),
  category: z.string().min(1).nullable(),
  /** 2000 = 20.00 %. */
  rateBasisPoints: z.number().int().min(0).max(10_000),
  name: z.string().min(1),
  validFrom: z.iso.datetime({ offset: true }).nullable(),
  validTo: z.iso.datetime({ offset: true }).nullable(),
});

/** An admin created, updated or deleted a tax rate (caches of rates and quotes are now stale). */
export const taxRateChanged = defineEvent({
  type: 'tax-rate.changed',
  topic: taxTopic,
  version: 1,
  schema: taxRateSnapshot.extend({ change: z.enum(['created', 'updated', 'deleted']) }),
});

export type TaxRateChanged = z.infer<typeof taxRateChanged.schema>;

/** Saga reply to `order.tax-requested` (topic `orderRepliesTopic`, keyed by ORDER id): the order's tax, from the same function as `Cart.tax`. */
export const orderTaxed = defineDataEvent({
  type: 'order.taxed',
  topic: orderRepliesTopic,
  data: {
    orderId: z.string().min(1),
    tax: money,
    /** One entry per order line (lineId) and one for shipping (lineId `shipping`) when taxed. */
    lines: z.array(z.object({ lineId: z.string().min(1), name: z.string().min(1), rateBasisPoints: z.number().int().min(0), amount: z.number().int().min(0) })),
  },
});

export type OrderTaxed = z.infer<typeof orderTaxed.schema>;
