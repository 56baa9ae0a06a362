import type { Executor, Transact } from '@shop/db';
import { cartTokenKey, guestCustomerId, newCartToken } from '@shop/subgraph-kit';
import type { StoredAddress } from '../db/schema';
import type { CartItemStore } from '../stores/cart-item.store';
import type { CartChanges, CartOwner, CartStore } from '../stores/cart.store';
import type { KnownVariantStore, SellableVariant } from '../stores/known-variant.store';
import type { KnownShippingRateStore } from '../stores/known-shipping-rate.store';
import { notServedAt } from './shipping-method-notices';
import type { CartReader } from './cart-reader.service';
import {
  couponFailure,
  failure,
  invalidQuantity,
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  parseAddress,
  parseCouponCode,
  plausibleId,
  type CartFailure,
} from './cart-input';
import type { CouponCheckService } from './coupon-check.service';
import type { CartView } from './cart-view';

export interface CartResult {
  cart: CartView;
  errors: CartFailure[];
  /** Only on the answer that created a guest cart: the token the client sends as `x-cart-token` from now on. */
  cartToken?: string;
}

/** Whose per-customer coupon limits count for a cart: its user's, or its guest's (as the guest's orders will carry). */
const customerIdOfCart = (cart: CartView): string => cart.userId ?? guestCustomerId(cart.guestKey!);

const notFound = () => failure('NOT_FOUND', 'itemId', 'No such line in your cart');

/**
 * Changes the caller's cart: the signed-in user's, or a guest's (by its cart token). Every change
 * locks the cart row first, so concurrent changes to one cart run one after the other and the
 * limits (99 units a line, 50 lines, one currency) hold.
 */
export class CartService {
  constructor(
    private readonly reader: CartReader,
    private readonly carts: CartStore,
    private readonly items: CartItemStore,
    private readonly variants: KnownVariantStore,
    private readonly coupons: CouponCheckService,
    private readonly shippingRates: KnownShippingRateStore,
    private readonly transact: Transact,
  ) {}

  /** Locks the cart, runs `change`; on failures nothing was written and the cart is returned as it was. */
  private change(owner: CartOwner, change: (cart: CartView, tx: Executor) => Promise<CartFailure[] | CartChanges>, newGuest = false): Promise<CartResult> {
    return this.transact(async (tx) => {
      const cart = await this.reader.ensureOpen(owner, tx, true, newGuest);
      const current: CartView = { ...cart, lines: await this.items.linesFor([cart.id], tx) };
      const outcome = await change(current, tx);
      if (Array.isArray(outcome)) return { cart: current, errors: outcome };
      await this.carts.update(cart.id, outcome, tx);
      return { cart: await this.reader.openFor(owner, tx), errors: [] };
    });
  }

  /**
   * Adds units of a variant. `productId` alone names a product with exactly one variant; with
   * `variantId` it must be that variant's product. Without an owner (no session, no cart token) it
   * starts a guest cart, and the answer carries the new cart's token (also when the line was refused,
   * so the client keeps one cart).
   */
  async addToCart(owner: CartOwner | null, item: { variantId?: string | null; productId?: string | null }, quantity: number): Promise<CartResult> {
    if (owner !== null) return this.addLine(owner, item, quantity, false);
    const cartToken = newCartToken();
    return { ...(await this.addLine({ guestKey: cartTokenKey(cartToken) }, item, quantity, true)), cartToken };
  }

  private async addLine(
    owner: CartOwner,
    item: { variantId?: string | null; productId?: string | null },
    quantity: number,
    newGuest: boolean,
  ): Promise<CartResult> {
    const check = quantity < 1 || quantity > MAX_LINE_QUANTITY ? [invalidQuantity()] : null;
    return this.change(
      owner,
      async (cart, tx) => {
        if (check) return check;
        const found = await this.variantFor(item, tx);
        if (!('variantId' in found)) return [found];
        const variant = found;
        if (!variant.productPublished) return [failure('PRODUCT_UNAVAILABLE', 'productId', 'This product is not for sale')];
        if (!variant.published) return [failure('PRODUCT_UNAVAILABLE', 'variantId', 'This variant is not for sale')];
        const line = cart.lines.find((candidate) => candidate.variantId === variant.variantId);
        if (line && line.quantity + quantity > MAX_LINE_QUANTITY) return [invalidQuantity()];
        if (!line && cart.lines.length >= MAX_CART_LINES) return [failure('TOO_MANY_ITEMS', null, `A cart holds at most ${MAX_CART_LINES} lines`)];
        if (cart.lines.length > 0 && cart.currency !== variant.priceCurrency) {
          const field = item.variantId == null ? 'productId' : 'variantId';
          return [failure('CURRENCY_MISMATCH', field, `This cart is in ${cart.currency}; the product is priced in ${variant.priceCurrency}`)];
        }
        await this.items.add(cart.id, variant, quantity, tx);
        return { currency: variant.priceCurrency };
      },
      newGuest,
    );
  }

  /** The variant named (or the only variant of the product named), or why there is none. */
  private async variantFor(
    { variantId, productId }: { variantId?: string | null; productId?: string | null },
    tx: Executor,
  ): Promise<SellableVariant | CartFailure> {
    const unknownVariant = failure('UNKNOWN_VARIANT', 'variantId', 'No such variant');
    if (variantId !== null && variantId !== undefined) {
      if (!plausibleId(variantId) || (productId != null && !plausibleId(productId))) return unknownVariant;
      const variant = await this.variants.find(variantId, tx);
      return variant && (productId == null || variant.productId === productId) ? variant : unknownVariant;
    }
    if (productId == null) return failure('VARIANT_REQUIRED', 'variantId', 'Name the variant to add with variantId');
    if (!plausibleId(productId)) return failure('UNKNOWN_PRODUCT', 'productId', 'No such product');
    const variants = await this.variants.ofProduct(productId, tx);
    if (variants.length === 0) return failure('UNKNOWN_PRODUCT', 'productId', 'No such product');
    if (variants.length > 1) return failure('VARIANT_REQUIRED', 'variantId', `This product comes in ${variants.length} variants; name one with variantId`);
    return (await this.variants.find(variants[0]!.variantId, tx)) ?? unknownVariant;
  }

  /** Quantity 0 removes the line. */
  async updateCartItem(owner: CartOwner, itemId: string, quantity: number): Promise<CartResult> {
    if (quantity < 0 || quantity > MAX_LINE_QUANTITY) return { cart: await this.reader.openFor(owner), errors: [invalidQuantity()] };
    return this.change(owner, async (cart, tx) => {
      if (!cart.lines.some((line) => line.id === itemId)) return [notFound()];
      if (quantity === 0) await this.items.delete(cart.id, itemId, tx);
      else await this.items.setQuantity(cart.id, itemId, quantity, tx);
      return {};
    });
  }

  removeCartItem(owner: CartOwner, itemId: string): Promise<CartResult> {
    return this.updateCartItem(owner, itemId, 0);
  }

  async setShippingAddress(owner: CartOwner, input: unknown): Promise<CartResult> {
    const parsed = parseAddress(input);
    if ('errors' in parsed) return { cart: await this.reader.openFor(owner), errors: parsed.errors };
    return this.change(owner, async (cart, tx) => {
      const changes: CartChanges = { shippingAddress: parsed.address satisfies StoredAddress };
      // The chosen option cannot serve the new address: clear it and say why; the cheapest is charged meanwhile.
      const chosen = cart.shippingMethodId ? await this.shippingRates.find(cart.shippingMethodId, tx) : null;
      if (cart.shippingMethodId && chosen?.country !== parsed.address.country) {
        changes.shippingMethodId = null;
        changes.shippingMethodNotice = chosen
          ? notServedAt(chosen, parsed.address.country)
          : 'The shipping option you chose is no longer offered; the cheapest option is charged instead.';
      }
      return changes;
    });
  }

  /**
   * Chooses the shipping option (a `Cart.shippingOptions` id) the quote and the order charge. The
   * cart is the caller's open cart; the option must ship to its address in its currency.
   */
  async setShippingMethod(owner: CartOwner, cartId: string, optionId: string): Promise<CartResult> {
    return this.change(owner, async (cart, tx) => {
      if (cart.id !== cartId) return [failure('NOT_FOUND', 'cartId', 'No such cart; use the id of your open cart')];
      if (!cart.shippingAddress) return [failure('SHIPPING_METHOD_UNAVAILABLE', 'optionId', 'Set a shipping address first')];
      const rate = await this.shippingRates.find(optionId, tx);
      const currency = cart.lines.length > 0 ? cart.currency : null;
      if (!rate || rate.country !== cart.shippingAddress.country || (currency !== null && rate.currency !== currency)) {
        return [
          failure('SHIPPING_METHOD_UNAVAILABLE', 'optionId', "This shipping option does not serve your address; choose one of the cart's shippingOptions"),
        ];
      }
      return { shippingMethodId: rate.rateId, shippingMethodNotice: null };
    });
  }

  /** A code that would take nothing off the cart as it is now is refused with the reason, and the cart keeps its previous code. */
  async applyCouponCode(owner: CartOwner, code: string): Promise<CartResult> {
    const parsed = parseCouponCode(code);
    if ('errors' in parsed) return { cart: await this.reader.openFor(owner), errors: parsed.errors };
    return this.change(owner, async (cart, tx) => {
      const rejection = await this.coupons.rejection(customerIdOfCart(cart), parsed.code, cart, tx);
      return rejection ? [couponFailure(rejection)] : { couponCode: parsed.code };
    });
  }

  removeCouponCode(owner: CartOwner): Promise<CartResult> {
    return this.change(owner, async () => ({ couponCode: null }));
  }
}
