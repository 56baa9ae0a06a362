import { couponErrorCode, type CouponRejectionReason } from '@shop/discounts';
import type { OrderDiscounted } from '@shop/events';
import type { StoredCouponRejection, StoredOrderLine } from '../db/schema';
import type { OrderRecord } from '../stores/order.store';

export const lineAmount = (line: StoredOrderLine): number => line.unitPrice * line.quantity;

/** Each line with its share of the discount; a line promotions did not mention gets 0. */
export function withLineDiscounts(lines: StoredOrderLine[], discounted: OrderDiscounted): StoredOrderLine[] {
  const byLine = new Map(discounted.lines.map((line) => [line.lineId, line.discount.amount]));
  return lines.map((line) => ({ ...line, discount: Math.min(byLine.get(line.lineId) ?? 0, lineAmount(line)) }));
}

/** What tax is computed on: each line after its discount. */
export const netLines = (order: OrderRecord) =>
  order.lines.map((line) => ({
    lineId: line.lineId,
    productId: line.productId,
    categoryId: line.categoryId,
    quantity: line.quantity,
    netAmount: { amount: lineAmount(line) - (line.discount ?? 0), currency: order.currency },
  }));

/** subtotal - discount + shipping + tax, exact in minor units; null until every part is known. */
export function orderTotal(order: Pick<OrderRecord, 'subtotal' | 'discount' | 'shippingCost' | 'tax'>): number | null {
  if (order.discount === null || order.shippingCost === null || order.tax === null) return null;
  return order.subtotal - order.discount + order.shippingCost + order.tax;
}

/** Units per variant (reservations, shipments). */
export const itemsOf = (order: OrderRecord) => order.lines.map((line) => ({ productId: line.productId, variantId: line.variantId, quantity: line.quantity }));

/** How a shopper knows a line: the product's name and, for a product with options, the variant's values, e.g. `Linen shirt (M)`. */
export const lineName = (line: StoredOrderLine): string =>
  line.optionValues.length > 0 ? `${line.productName} (${line.optionValues.map((value) => value.value).join(', ')})` : line.productName;

const isReason = (reason: string): reason is CouponRejectionReason => Object.hasOwn(couponErrorCode, reason);

/**
 * The order's coupon that promotions did not price it with, and why; null when it did or there was
 * none. A reason this version does not know yet reads as NOT_APPLICABLE rather than failing the step.
 */
export function couponRejectionOf(discounted: OrderDiscounted): StoredCouponRejection | null {
  const rejected = discounted.rejectedCoupon;
  if (!rejected) return null;
  return { code: rejected.code, reason: isReason(rejected.reason) ? rejected.reason : 'NOT_APPLICABLE', missing: rejected.missing ?? null };
}

/** What `order.confirmed` / `order.cancelled` carry for a guest's order so its mails reach the guest; nothing for a customer's. */
export const guestContactOf = (order: OrderRecord): { contactEmail?: string; contactName?: string } =>
  order.contactEmail ? { contactEmail: order.contactEmail, contactName: order.shippingAddress.name } : {};
