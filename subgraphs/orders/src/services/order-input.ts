import { z } from 'zod';
import type { PayloadFailure } from '@shop/subgraph-kit';
/** Why placing or cancelling an order was refused (the schema's OrderErrorCode). */
export type OrderErrorCode =
  | 'CART_NOT_FOUND'
  | 'CART_ALREADY_ORDERED'
  | 'EMPTY_CART'
  | 'NO_SHIPPING_ADDRESS'
  | 'PRODUCT_UNAVAILABLE'
  | 'INVALID_IDEMPOTENCY_KEY'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'INVALID_PAYMENT_TOKEN'
  | 'NOT_FOUND'
  | 'NOT_CANCELLABLE'
  | 'INVALID_REASON'
  | 'CONTACT_EMAIL_REQUIRED'
  | 'INVALID_CONTACT_EMAIL'
  | 'EMAIL_NOT_VERIFIED';

export type OrderFailure = PayloadFailure<OrderErrorCode>;

export const orderFailure = (code: OrderErrorCode, field: string | null, message: string): OrderFailure => ({ code, field, message });

// Printable ASCII without spaces: UUIDs, ULIDs and "checkout-42" all fit.
const keyPattern = /^[\x21-\x7e]{1,200}$/;
// Provider tokens, e.g. tok_visa; card numbers never reach the shop.
const tokenPattern = /^tok_[A-Za-z0-9_]{1,100}$/;

export interface PlaceOrderInput {
  cartId: string;
  idempotencyKey: string;
  paymentToken: string;
  /** A guest's contact address; required for guests, not used for signed-in customers. */
  contactEmail?: string | null | undefined;
}

const contactEmail = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** A guest's contact e-mail, trimmed and lower-cased; CONTACT_EMAIL_REQUIRED or INVALID_CONTACT_EMAIL otherwise. */
export function checkContactEmail(email: string | null | undefined): { email: string } | { error: OrderFailure } {
  if (email === null || email === undefined || email.trim() === '') {
    return { error: orderFailure('CONTACT_EMAIL_REQUIRED', 'contactEmail', 'Give an e-mail address for your order confirmation') };
  }
  const parsed = contactEmail.safeParse(email);
  return parsed.success ? { email: parsed.data } : { error: orderFailure('INVALID_CONTACT_EMAIL', 'contactEmail', 'This is not an e-mail address') };
}

/** Checks the arguments that need no database; the first problem found per field. */
export function checkPlaceOrderInput(input: PlaceOrderInput): OrderFailure[] {
  const errors: OrderFailure[] = [];
  if (!keyPattern.test(input.idempotencyKey)) {
    errors.push(orderFailure('INVALID_IDEMPOTENCY_KEY', 'idempotencyKey', 'The idempotency key must be 1 to 200 printable characters without spaces'));
  }
  if (!tokenPattern.test(input.paymentToken)) {
    errors.push(orderFailure('INVALID_PAYMENT_TOKEN', 'paymentToken', 'Pay with a provider token such as tok_visa, never a card number'));
  }
  return errors;
}

/** A cancellation note: optional, 1 to 500 characters once trimmed. */
export function checkCancelReason(reason: string | null | undefined): { note: string | null } | { error: OrderFailure } {
  if (reason === null || reason === undefined) return { note: null };
  const note = reason.trim();
  if (note.length === 0 || note.length > 500) return { error: orderFailure('INVALID_REASON', 'reason', 'The reason must be 1 to 500 characters') };
  return { note };
}
