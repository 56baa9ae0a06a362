import type { Money } from '@shop/events';

/**
 * The tax of a whole cart or order: every line on its net amount (after its discount) plus the
 * shipping cost, through `calculateTax`. `Cart.tax` and the checkout's `order.taxed` both come
 * from here, so the tax a shopper previews is the tax the order is charged.
 * Pure: no I/O, no clock, integers only.
 */
import { calculateTax, type TaxRateLike } from './tax-calculator';

/** The line id of the shipping cost's tax line. */
export const SHIPPING_LINE_ID = 'shipping';
/** Shipping is taxed as this category: a rate for category `shipping` overrides the general one. */
export const SHIPPING_CATEGORY = 'shipping';
/** The name of a line no rate applies to. */
export const NO_RATE_NAME = 'No tax';

export interface TaxableLine {
  lineId: string;
  categoryId: string | null;
  quantity: number;
  /** The whole line after its discount, in minor units. */
  netAmount: number;
}

export interface OrderTaxInput {
  currency: string;
  address: { country: string; region?: string | null };
  lines: readonly TaxableLine[];
  /** Minor units; null (unknown) or 0 (free) adds no shipping line. */
  shippingCost: number | null;
  rates: readonly TaxRateLike[];
  /** Only rates valid at this instant apply. */
  at: Date;
}

export interface TaxLine {
  /** A line's id, or SHIPPING_LINE_ID. */
  lineId: string;
  name: string;
  rateBasisPoints: number;
  /** Minor units of the order's currency. */
  amount: number;
}

export interface OrderTax {
  currency: string;
  /** The sum of the lines. */
  total: number;
  /** One per line in input order, then shipping. */
  lines: TaxLine[];
}

/** Regions are compared trimmed and upper case (`ca` and ` CA` are the rate for `CA`). */
export const normalizeRegion = (region: string | null | undefined): string | null => (region?.trim() ? region.trim().toUpperCase() : null);

export function taxOrder(input: OrderTaxInput): OrderTax {
  const lines = input.lines.map((line) => ({ lineId: line.lineId, categoryId: line.categoryId, amount: line.netAmount, quantity: line.quantity }));
  if (input.shippingCost) lines.push({ lineId: SHIPPING_LINE_ID, categoryId: SHIPPING_CATEGORY, amount: input.shippingCost, quantity: 1 });
  const result = calculateTax({ address: input.address, lines, currency: input.currency, rates: input.rates, at: input.at });
  return {
    currency: input.currency,
    total: result.total,
    lines: result.lines.map((line) => ({
      lineId: line.lineId,
      name: line.rateName ?? NO_RATE_NAME,
      rateBasisPoints: line.rateBasisPoints,
      amount: line.taxAmount,
    })),
  };
}

export interface CartLineLike {
  lineId: string;
  categoryId?: string | null;
  quantity: number;
  unitPrice: Money;
}

/**
 * Each cart line's net amount: unitPrice x quantity minus its share of the discount (a line the
 * discount does not list has none). Throws RangeError on another currency or a share larger than
 * the line.
 */
export function netLines(currency: string, lines: readonly CartLineLike[], discounts: ReadonlyArray<{ lineId: string; amount: Money }>): TaxableLine[] {
  const byLine = new Map(discounts.map((discount) => [discount.lineId, discount.amount]));
  return lines.map((line) => {
    const discount = byLine.get(line.lineId) ?? { amount: 0, currency };
    if (line.unitPrice.currency !== currency || discount.currency !== currency)
      throw new RangeError(`line ${line.lineId} is not in the cart's currency ${currency}`);
    const netAmount = line.unitPrice.amount * line.quantity - discount.amount;
    if (!Number.isSafeInteger(netAmount) || netAmount < 0) throw new RangeError(`line ${line.lineId}: the discount is larger than the line`);
    return { lineId: line.lineId, categoryId: line.categoryId ?? null, quantity: line.quantity, netAmount };
  });
}
