import type { Money } from '@shop/events';
import type { CartLineRecord } from '../stores/cart-item.store';
import type { CartRecord } from '../stores/cart.store';

/** A cart with its lines, each at the product's current price. What `Cart` resolves from. */
export interface CartView extends CartRecord {
  lines: CartLineRecord[];
}

export type { Money };

export const unitPrice = (line: CartLineRecord): Money => ({ amount: line.priceAmount, currency: line.priceCurrency });

export const lineTotal = (line: CartLineRecord): Money => ({ amount: line.priceAmount * line.quantity, currency: line.priceCurrency });

/** An empty cart has no currency, whatever its last line was priced in. */
export const cartCurrency = (cart: CartView): string | null => (cart.lines.length > 0 ? cart.currency : null);

/**
 * Exact integer sum of the lines. A line whose product was repriced into another currency after it
 * was added is left out rather than summed across currencies.
 */
export function subtotal(cart: CartView): Money | null {
  const currency = cartCurrency(cart);
  if (currency === null) return null;
  const amount = cart.lines.filter((line) => line.priceCurrency === currency).reduce((sum, line) => sum + line.priceAmount * line.quantity, 0);
  return { amount, currency };
}

export const itemCount = (cart: CartView): number => cart.lines.reduce((sum, line) => sum + line.quantity, 0);
