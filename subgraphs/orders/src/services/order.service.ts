import { randomUUID } from 'node:crypto';
import type { Database, Executor } from '@shop/db';
import { orderPlaced } from '@shop/events';
import { guestCustomerId, isAdmin, ownsOrGuestOrAdmin, type SubgraphContext } from '@shop/subgraph-kit';
import type { Logger } from 'pino';
import type { StoredOrderLine } from '../db/schema';
import { AfterCommit } from '../saga/after-commit';
import { cancelledBy } from '../saga/cancellation-reasons';
import { cancellableStatuses, pending, type OrderLifecycle } from '../saga/order-lifecycle';
import type { CartItemStore, CartLineRecord } from '../stores/cart-item.store';
import type { CartOwner, CartStore } from '../stores/cart.store';
import type { OrderRecord, OrderStore } from '../stores/order.store';
import { checkCancelReason, checkContactEmail, checkPlaceOrderInput, orderFailure, type OrderFailure, type PlaceOrderInput } from './order-input';

export interface OrderResult {
  order: OrderRecord | null;
  errors: OrderFailure[];
}

const refused = (...errors: OrderFailure[]): OrderResult => ({ order: null, errors });

const frozen = (line: CartLineRecord): StoredOrderLine => ({
  lineId: line.id,
  productId: line.productId,
  variantId: line.variantId,
  sku: line.sku,
  optionValues: line.optionValues,
  productName: line.productName,
  categoryId: line.categoryId,
  quantity: line.quantity,
  unitPrice: line.priceAmount,
  discount: null,
});

/**
 * Places and cancels orders. Placing turns the cart into a PENDING order, freezes its lines and
 * prices, and starts the saga with `order.placed`, all in one transaction; the saga does the rest.
 */
export class OrderService {
  constructor(
    private readonly db: Database,
    private readonly carts: CartStore,
    private readonly items: CartItemStore,
    private readonly orders: OrderStore,
    private readonly lifecycle: OrderLifecycle,
    private readonly logger: Logger,
  ) {}

  /**
   * The same key again (also concurrently) returns the first order; with another cart it is refused.
   * A guest's order needs a contact e-mail and carries `guest:<key>` as its customer id.
   */
  async placeOrder(owner: CartOwner, input: PlaceOrderInput): Promise<OrderResult> {
    const invalid = checkPlaceOrderInput(input);
    const contact = owner.guestKey !== undefined ? checkContactEmail(input.contactEmail) : { email: null };
    if ('error' in contact) invalid.push(contact.error);
    if (invalid.length > 0 || 'error' in contact) return refused(...invalid);
    const customerId = owner.userId ?? guestCustomerId(owner.guestKey);
    return this.inTransaction(async (tx, after) => {
      const cart = await this.carts.lockForCheckout(input.cartId, tx);
      const earlier = await this.orders.findByIdempotencyKey(customerId, owner.guestKey ?? null, input.idempotencyKey, tx);
      if (earlier) {
        if (earlier.cartId === input.cartId && earlier.paymentToken === input.paymentToken) return { order: earlier, errors: [] };
        return refused(orderFailure('IDEMPOTENCY_KEY_REUSED', 'idempotencyKey', 'This idempotency key was used for another order'));
      }
      const owned = cart && (owner.userId !== undefined ? cart.userId === owner.userId : cart.guestKey === owner.guestKey);
      if (!cart || !owned) return refused(orderFailure('CART_NOT_FOUND', 'cartId', 'No such cart'));
      if (cart.status !== 'open') return refused(orderFailure('CART_ALREADY_ORDERED', 'cartId', 'This cart was already ordered; use your new cart'));
      const lines = await this.items.linesFor([cart.id], tx);
      const problem = this.checkCart(cart.shippingAddress, lines);
      if (problem) return refused(problem);
      const currency = cart.currency ?? lines[0]!.priceCurrency;
      const order = {
        id: randomUUID(),
        customerId,
        guestKey: owner.guestKey ?? null,
        contactEmail: contact.email,
        cartId: cart.id,
        idempotencyKey: input.idempotencyKey,
        status: 'PENDING' as const,
        currency,
        lines: lines.map(frozen),
        couponCode: cart.couponCode,
        shippingAddress: cart.shippingAddress!,
        paymentToken: input.paymentToken,
        subtotal: lines.reduce((sum, line) => sum + line.priceAmount * line.quantity, 0),
      };
      const placed = pending(orderPlaced, {
        orderId: order.id,
        customerId: order.customerId,
        currency,
        lines: order.lines.map(({ lineId, productId, variantId, sku, categoryId, quantity, unitPrice }) => ({
          lineId,
          productId,
          variantId,
          ...(sku ? { sku } : {}),
          categoryId,
          quantity,
          unitPrice: { amount: unitPrice, currency },
        })),
        couponCode: order.couponCode,
        shippingAddress: order.shippingAddress,
        subtotal: { amount: order.subtotal, currency },
        shippingMethodId: cart.shippingMethodId,
      });
      // The order, its first history entry, its events and the cart marked ordered: one statement.
      return { order: await this.lifecycle.place(tx, order, after, [placed], [this.carts.markOrdered(cart.id)]), errors: [] };
    });
  }

  /** Before shipment only; the saga's participants refund and release on `order.cancelled`. */
  async cancelOrder(caller: Pick<SubgraphContext, 'viewer' | 'guestKey'>, orderId: string, reason: string | null | undefined): Promise<OrderResult> {
    const checked = checkCancelReason(reason);
    if ('error' in checked) return refused(checked.error);
    return this.inTransaction(async (tx, after) => {
      const order = await this.orders.lock(orderId, tx);
      if (!order || !ownsOrGuestOrAdmin(caller, { ownerId: order.customerId, guestKey: order.guestKey }))
        return refused(orderFailure('NOT_FOUND', 'orderId', 'No such order'));
      if (!cancellableStatuses.has(order.status)) {
        return { order, errors: [orderFailure('NOT_CANCELLABLE', 'orderId', `An order that is ${order.status.toLowerCase()} can no longer be cancelled`)] };
      }
      const { code, reason: sentence } = cancelledBy(isAdmin(caller.viewer) && order.customerId !== caller.viewer?.userId, checked.note);
      return { order: await this.lifecycle.cancel(tx, order, code, sentence, after), errors: [] };
    });
  }

  private checkCart(address: unknown, lines: CartLineRecord[]): OrderFailure | null {
    if (lines.length === 0) return orderFailure('EMPTY_CART', 'cartId', 'The cart is empty');
    if (!address) return orderFailure('NO_SHIPPING_ADDRESS', 'cartId', 'Set a shipping address first');
    const unavailable = lines.filter((line) => !line.published || line.priceCurrency !== lines[0]!.priceCurrency);
    if (unavailable.length > 0) {
      return orderFailure('PRODUCT_UNAVAILABLE', 'cartId', `No longer for sale: ${unavailable.map((line) => line.productName).join(', ')}`);
    }
    return null;
  }

  private async inTransaction(work: (tx: Executor, after: AfterCommit) => Promise<OrderResult>): Promise<OrderResult> {
    const after = new AfterCommit();
    const result = await this.db.transaction((tx) => work(tx, after));
    await after.run((error) => this.logger.warn({ err: error }, 'order status push failed after commit'));
    return result;
  }
}
