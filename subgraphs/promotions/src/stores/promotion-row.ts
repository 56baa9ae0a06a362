import { z } from 'zod';
import { promotions } from '../db/schema';

const promotionRow = z
  .object({
    id: z.string().uuid(),
    seq: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    kind: z.enum(['PERCENTAGE', 'FIXED_AMOUNT']),
    value: z.number().int(),
    currency: z.string().nullable(),
    couponCode: z.string().nullable(),
    startsAt: z.date(),
    endsAt: z.date().nullable(),
    productIds: z.array(z.string()),
    categoryIds: z.array(z.string()),
    variantIds: z.array(z.string()),
    minimumSubtotalAmount: z.number().int().nullable(),
    minimumSubtotalCurrency: z.string().nullable(),
    usageLimit: z.number().int().nullable(),
    perCustomerLimit: z.number().int().nullable(),
    active: z.boolean(),
    timesUsed: z.number().int().min(0),
    createdAt: z.date(),
  })
  .transform(({ minimumSubtotalAmount, minimumSubtotalCurrency, ...row }) => ({
    ...row,
    minimumSubtotal:
      minimumSubtotalAmount !== null && minimumSubtotalCurrency !== null ? { amount: minimumSubtotalAmount, currency: minimumSubtotalCurrency } : null,
  }));

/** A stored promotion; it is also a PromotionRule, so the discount engine takes it as is. */
export type PromotionRecord = z.output<typeof promotionRow>;

/** What an admin sets; id, seq, active, timesUsed and createdAt are the store's. */
export type PromotionFields = Omit<PromotionRecord, 'id' | 'seq' | 'active' | 'timesUsed' | 'createdAt'>;

export const promotionColumns = {
  id: promotions.id,
  seq: promotions.seq,
  name: promotions.name,
  description: promotions.description,
  kind: promotions.kind,
  value: promotions.value,
  currency: promotions.currency,
  couponCode: promotions.couponCode,
  startsAt: promotions.startsAt,
  endsAt: promotions.endsAt,
  productIds: promotions.productIds,
  categoryIds: promotions.categoryIds,
  variantIds: promotions.variantIds,
  minimumSubtotalAmount: promotions.minimumSubtotalAmount,
  minimumSubtotalCurrency: promotions.minimumSubtotalCurrency,
  usageLimit: promotions.usageLimit,
  perCustomerLimit: promotions.perCustomerLimit,
  active: promotions.active,
  timesUsed: promotions.timesUsed,
  createdAt: promotions.createdAt,
};

export const parsePromotions = (rows: unknown[]): PromotionRecord[] => rows.map((row) => promotionRow.parse(row));

/** The columns of PromotionFields. */
export function toColumns({ minimumSubtotal, ...fields }: PromotionFields) {
  return { ...fields, minimumSubtotalAmount: minimumSubtotal?.amount ?? null, minimumSubtotalCurrency: minimumSubtotal?.currency ?? null };
}

export { isUniqueViolation } from '@shop/db';
