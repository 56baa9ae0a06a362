import { couponErrorCode, couponRejectionMessage, type CouponErrorCode, type CouponRejection, type Money } from '@shop/discounts';
import { postalAddressInput, type PayloadFailure } from '@shop/subgraph-kit';
import type { StoredAddress } from '../db/schema';

/** Units one line may hold. */
export const MAX_LINE_QUANTITY = 99;
/** Lines one cart may hold. */
export const MAX_CART_LINES = 50;

export type CartErrorCode =
  | 'UNKNOWN_PRODUCT'
  | 'UNKNOWN_VARIANT'
  | 'VARIANT_REQUIRED'
  | 'PRODUCT_UNAVAILABLE'
  | 'INVALID_QUANTITY'
  | 'TOO_MANY_ITEMS'
  | 'CURRENCY_MISMATCH'
  | 'INVALID_ADDRESS'
  | 'INVALID_COUPON_CODE'
  | CouponErrorCode
  | 'SHIPPING_METHOD_UNAVAILABLE'
  | 'NOT_FOUND';

export type CartFailure = PayloadFailure<CartErrorCode> & {
  /** COUPON_MINIMUM_NOT_MET: how much more the cart needs. */
  missingAmount?: Money | null;
};

export const failure = (code: CartErrorCode, field: string | null, message: string): CartFailure => ({ code, field, message });

/** `applyCouponCode` refused: the code and sentence promotions would give for the same cart. */
export const couponFailure = (rejection: CouponRejection): CartFailure => ({
  code: couponErrorCode[rejection.reason],
  field: 'code',
  message: couponRejectionMessage(rejection),
  missingAmount: rejection.missing,
});

export const invalidQuantity = (field = 'quantity') => failure('INVALID_QUANTITY', field, `A line holds 1 to ${MAX_LINE_QUANTITY} units`);

/** Catalog ids are 1 to 100 characters; anything else names nothing (and is not looked up). */
export const plausibleId = (id: string | null | undefined): id is string => typeof id === 'string' && id.length > 0 && id.length <= 100 && !id.includes('\0');

/** A valid address, or one INVALID_ADDRESS failure per field at fault. */
export function parseAddress(input: unknown): { address: StoredAddress } | { errors: CartFailure[] } {
  const parsed = postalAddressInput.safeParse(input);
  if (parsed.success) return { address: parsed.data };
  const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))];
  return {
    errors: fields.map((field) => {
      const issue = parsed.error.issues.find((candidate) => String(candidate.path[0] ?? '') === field);
      return failure('INVALID_ADDRESS', field, `${field}: ${issue?.message ?? 'invalid'}`);
    }),
  };
}

const couponPattern = /^[A-Z0-9_-]{1,40}$/;

/** Coupon codes are compared upper-cased; whether one applies is for promotions to decide. */
export function parseCouponCode(code: string): { code: string } | { errors: CartFailure[] } {
  const normalized = code.trim().toUpperCase();
  return couponPattern.test(normalized)
    ? { code: normalized }
    : { errors: [failure('INVALID_COUPON_CODE', 'code', "A coupon code is 1 to 40 letters, digits, '-' or '_'")] };
}
