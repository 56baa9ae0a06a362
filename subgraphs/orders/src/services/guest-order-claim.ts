import type { Transact } from '@shop/db';
import type { Viewer } from '@shop/subgraph-kit';
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
 * only orders placed as a guest since.
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
      if (!email) return { orders: [], errors: [orderFailure('EMAIL_NOT_VERIFIED', null, 'Verify your e-mail address first (requestEmailVerification, then the link in the mail)')] };
      const ids = await this.verified.claimGuestOrders(viewer.userId, email, tx);
      return { orders: await this.orders.findByIds(ids, tx), errors: [] };
    });
  }
}
