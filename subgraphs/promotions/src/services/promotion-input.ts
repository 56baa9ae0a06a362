import type { PayloadFailure } from '@shop/subgraph-kit';
import type { PromotionFields } from '../stores/promotion.store';

export type PromotionErrorCode =
  'INVALID_VALUE' | 'INVALID_WINDOW' | 'COUPON_TAKEN' | 'UNKNOWN_PRODUCT' | 'UNKNOWN_VARIANT' | 'UNKNOWN_CATEGORY' | 'INVALID_FIELD' | 'NOT_FOUND';
export type PromotionFailure = PayloadFailure<PromotionErrorCode>;

export interface PromotionInputShape {
  name: string;
  description?: string | null;
  kind: 'PERCENTAGE' | 'FIXED_AMOUNT';
  value: number;
  currency?: string | null;
  couponCode?: string | null;
  startsAt?: Date | string | null;
  endsAt?: Date | string | null;
  productIds?: readonly string[] | null;
  variantIds?: readonly string[] | null;
  categoryIds?: readonly string[] | null;
  categorySlugs?: readonly string[] | null;
  minimumSubtotal?: { amount: number; currency: string } | null;
  usageLimit?: number | null;
  perCustomerLimit?: number | null;
}

export const MAX_CONDITION_IDS = 500;
const currencyPattern = /^[A-Z]{3}$/;
const couponPattern = /^[A-Z0-9][A-Z0-9_-]{2,39}$/;

type Problems = PromotionFailure[];
const invalid = (errors: Problems, field: string, message: string) => errors.push({ code: 'INVALID_FIELD', field, message });

function checkValue(input: PromotionInputShape, errors: Problems): string | null {
  const { kind, value } = input;
  const currency = input.currency?.trim() || null;
  if (kind === 'PERCENTAGE') {
    if (!Number.isInteger(value) || value < 1 || value > 10_000) {
      errors.push({ code: 'INVALID_VALUE', field: 'value', message: 'A percentage must be 1 to 10000 basis points (0.01 % to 100.00 %)' });
    }
    if (currency) invalid(errors, 'currency', 'currency only applies to FIXED_AMOUNT promotions');
    return null;
  }
  if (!Number.isInteger(value) || value < 1) errors.push({ code: 'INVALID_VALUE', field: 'value', message: 'A fixed amount must be 1 or more minor units' });
  if (!currency || !currencyPattern.test(currency)) invalid(errors, 'currency', 'A FIXED_AMOUNT needs an ISO 4217 currency such as EUR');
  return currency;
}

function checkIds(ids: readonly string[] | null | undefined, field: string, errors: Problems): string[] {
  const unique = [...new Set((ids ?? []).map((id) => id.trim()))];
  if (unique.length > MAX_CONDITION_IDS) invalid(errors, field, `${field}: at most ${MAX_CONDITION_IDS} ids`);
  if (unique.some((id) => id.length < 1 || id.length > 100)) invalid(errors, field, `${field}: every id must be 1 to 100 characters`);
  return unique;
}

function checkLimit(value: number | null | undefined, field: string, errors: Problems): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 1) invalid(errors, field, `${field} must be 1 or more (omit it for unlimited)`);
  return value;
}

function checkMinimum(input: PromotionInputShape, currency: string | null, errors: Problems) {
  const minimum = input.minimumSubtotal;
  if (!minimum) return null;
  if (!Number.isInteger(minimum.amount) || minimum.amount < 1 || !currencyPattern.test(minimum.currency)) {
    invalid(errors, 'minimumSubtotal', 'minimumSubtotal needs an amount of 1 or more and an ISO 4217 currency');
  } else if (currency && minimum.currency !== currency) {
    invalid(errors, 'minimumSubtotal', "minimumSubtotal must be in the promotion's currency");
  }
  return { amount: minimum.amount, currency: minimum.currency };
}

/**
 * Every problem of the input at once (so a form can show them together), else the fields to store.
 * Product, variant and category ids are only checked for shape here; whether they exist is the
 * service's question. `categorySlugs` are checked like ids and returned beside the fields: the
 * service turns them into category ids.
 */
export function validatePromotion(
  input: PromotionInputShape,
  now: Date,
): { fields: PromotionFields; categorySlugs: string[] } | { errors: PromotionFailure[] } {
  const errors: Problems = [];
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) invalid(errors, 'name', 'name: 1 to 100 characters');
  const description = input.description?.trim() || null;
  if (description && description.length > 1000) invalid(errors, 'description', 'description: at most 1000 characters');
  const currency = checkValue(input, errors);
  const couponCode = input.couponCode?.trim() ? input.couponCode.trim().toUpperCase() : null;
  if (couponCode && !couponPattern.test(couponCode)) invalid(errors, 'couponCode', 'couponCode: 3 to 40 letters, digits, - or _');
  const startsAt = input.startsAt ? new Date(input.startsAt) : now;
  const endsAt = input.endsAt ? new Date(input.endsAt) : null;
  if (endsAt && endsAt <= startsAt) errors.push({ code: 'INVALID_WINDOW', field: 'endsAt', message: 'endsAt must be after startsAt' });
  const productIds = checkIds(input.productIds, 'productIds', errors);
  const variantIds = checkIds(input.variantIds, 'variantIds', errors);
  const categoryIds = checkIds(input.categoryIds, 'categoryIds', errors);
  const categorySlugs = checkIds(input.categorySlugs, 'categorySlugs', errors);
  const minimumSubtotal = checkMinimum(input, currency, errors);
  const usageLimit = checkLimit(input.usageLimit, 'usageLimit', errors);
  const perCustomerLimit = checkLimit(input.perCustomerLimit, 'perCustomerLimit', errors);
  if (errors.length > 0) return { errors };
  const { kind, value } = input;
  return {
    fields: {
      name,
      description,
      kind,
      value,
      currency,
      couponCode,
      startsAt,
      endsAt,
      productIds,
      variantIds,
      categoryIds,
      minimumSubtotal,
      usageLimit,
      perCustomerLimit,
    },
    categorySlugs,
  };
}
