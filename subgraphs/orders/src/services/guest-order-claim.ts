import type { Transact } from '@shop/db';
import { appendAllToOutbox, newEvent, orderClaimed } from '@shop/events';
import { guestCustomerId, type Viewer } from '@shop/subgraph-kit';
import { outbox } from '../db/schema';
import type { OrderRecord, OrderStore } from '../stores/order.store';
import type { VerifiedEmailStore } from '../stores/verified-email.store';
import { orderFailure, type OrderFailure } from './order-input';

export interface ClaimResult {
  orders: OrderRecord[];
  errors: OrderFailure[];
}

/**
 * A signed-in user takes over the guest orders placed with the address they verified: each becomes
 * theirs (`customer`, `me { orders }`) and stays readable with its cart token. Calling again claims
 * only orders placed as a guest since. Each claimed order's `order.claimed` (one outbox statement
 * for all of them) tells payments and shipping to move its payment and shipment to the customer.
 */
export class GuestOrderClaim {
  constructor(
    private readonly verified: VerifiedEmailStore,
    private readonly orders: OrderStore,
    private readonly transact: Transact,
  ) {}

  claim(viewer: Viewer): Promise<ClaimResult> {
    return this.transact(async (tx) => {
      const email = await this.verified.of(viewer.userId, tx);
      if (!email)
        return {
          orders: [],
          errors: [orderFailure('EMAIL_NOT_VERIFIED', null, 'Verify your e-mail address first (requestEmailVerification, then the link in the mail)')],
        };
      const claimed = await this.verified.claimGuestOrders(viewer.userId, email, tx);
      if (claimed.length === 0) return { orders: [], errors: [] };
      await appendAllToOutbox(
        tx,
        outbox,
        claimed.map(({ id, guestKey }) => newEvent(orderClaimed, id, { orderId: id, guestCustomerId: guestCustomerId(guestKey), customerId: viewer.userId })),
      );
      return {
        orders: await this.orders.findByIds(
          claimed.map(({ id }) => id),
          tx,
        ),
        errors: [],
      };
    });
  }
}
