import type { Transact } from '@shop/db';
import type { CartItemStore, CartLineRecord } from '../stores/cart-item.store';
import type { CartChanges, CartRecord, CartStore } from '../stores/cart.store';
import { failure, MAX_CART_LINES, MAX_LINE_QUANTITY, type CartFailure } from './cart-input';
import type { CartReader } from './cart-reader.service';
import type { CartResult } from './cart.service';
import { unknownCartToken } from './cart-owner';

export interface MergePlan {
  /** Units to add per variant (to an existing line or as a new one). */
  adds: Array<{ productId: string; variantId: string; units: number }>;
  /** Why units stayed out, one entry per guest line that did not fully fit. */
  leftOut: CartFailure[];
  /** The account cart's currency afterwards (null while it stays empty). */
  currency: string | null;
}

const named = (line: CartLineRecord) => `${line.productName} (${line.sku})`;

/**
 * How a guest cart's lines join an account cart's under the cart's limits: quantities are added up
 * to 99 a line, new lines up to 50, and a line in another currency than the account cart stays out.
 */
export function planMerge(accountLines: readonly CartLineRecord[], accountCurrency: string | null, guestLines: readonly CartLineRecord[]): MergePlan {
  const quantities = new Map(accountLines.map((line) => [line.variantId, line.quantity]));
  const plan: MergePlan = { adds: [], leftOut: [], currency: accountLines.length > 0 ? accountCurrency : null };
  for (const line of guestLines) {
    if (plan.currency !== null && line.priceCurrency !== plan.currency) {
      plan.leftOut.push(
        failure('CURRENCY_MISMATCH', 'variantId', `${named(line)} is priced in ${line.priceCurrency}, your cart in ${plan.currency}: it stayed out`),
      );
      continue;
    }
    const held = quantities.get(line.variantId);
    if (held === undefined && quantities.size >= MAX_CART_LINES) {
      plan.leftOut.push(failure('TOO_MANY_ITEMS', 'variantId', `A cart holds at most ${MAX_CART_LINES} lines: ${named(line)} stayed out`));
      continue;
    }
    const units = Math.min(line.quantity, MAX_LINE_QUANTITY - (held ?? 0));
    if (units < line.quantity) {
      plan.leftOut.push(
        failure('INVALID_QUANTITY', 'variantId', `A line holds at most ${MAX_LINE_QUANTITY} units: ${line.quantity - units} of ${named(line)} stayed out`),
      );
    }
    if (units === 0) continue;
    quantities.set(line.variantId, (held ?? 0) + units);
    plan.adds.push({ productId: line.productId, variantId: line.variantId, units });
    plan.currency ??= line.priceCurrency;
  }
  return plan;
}

/** What the account cart takes over from the guest cart besides lines: only what it has not set itself. */
function carriedOver(account: CartRecord, guest: CartRecord, currency: string | null): CartChanges {
  const changes: CartChanges = { currency };
  if (!account.couponCode && guest.couponCode) changes.couponCode = guest.couponCode;
  if (!account.shippingAddress && guest.shippingAddress) {
    changes.shippingAddress = guest.shippingAddress;
    changes.shippingMethodId = guest.shippingMethodId;
    changes.shippingMethodNotice = guest.shippingMethodNotice;
  }
  return changes;
}

/**
 * Moves a guest's open cart into the signed-in user's cart, exactly once: the guest cart is locked,
 * merged and closed (`merged`) in one transaction, so a second call (or a concurrent one) finds no
 * open guest cart and changes nothing.
 */
export class GuestCartMerger {
  constructor(
    private readonly reader: CartReader,
    private readonly carts: CartStore,
    private readonly items: CartItemStore,
    private readonly transact: Transact,
  ) {}

  merge(userId: string, guestKey: string): Promise<CartResult> {
    return this.transact(async (tx) => {
      const guest = await this.carts.openGuestCart(guestKey, tx, true);
      if (!guest && !(await this.carts.guestKnown(guestKey, tx))) throw unknownCartToken();
      const account = await this.carts.openFor({ userId }, tx, true);
      if (!guest) return { cart: await this.reader.openFor({ userId }, tx), errors: [] };
      const [accountLines, guestLines] = [await this.items.linesFor([account.id], tx), await this.items.linesFor([guest.id], tx)];
      const plan = planMerge(accountLines, account.currency, guestLines);
      for (const add of plan.adds) await this.items.add(account.id, add, add.units, tx);
      await this.carts.update(account.id, carriedOver(account, guest, plan.currency), tx);
      await this.carts.markMerged(guest.id, tx);
      return { cart: await this.reader.openFor({ userId }, tx), errors: plan.leftOut };
    });
  }
}
