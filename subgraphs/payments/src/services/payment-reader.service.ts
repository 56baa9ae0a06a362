import { ownsOrAdmin, rowByKey, rowsByKey, type SubgraphContext } from '@shop/subgraph-kit';
import type { PaymentRecord, PaymentStore, StatusChangeRecord } from '../stores/payment.store';

/**
 * Reads payments for GraphQL, batched per request, and decides who sees them: the order's
 * customer and admins. Anyone else gets null, so a payment's existence does not leak.
 */
export class PaymentReader {
  constructor(private readonly payments: PaymentStore) {}

  canSee(context: SubgraphContext, payment: PaymentRecord): boolean {
    return ownsOrAdmin(context, payment.customerId);
  }

  private visible(context: SubgraphContext, payment: PaymentRecord | null | undefined): PaymentRecord | null {
    return payment && this.canSee(context, payment) ? payment : null;
  }

  async byId(context: SubgraphContext, id: string): Promise<PaymentRecord | null> {
    return this.visible(
      context,
      await rowByKey(
        context,
        'payments.byId',
        (ids) => this.payments.findByIds(ids),
        (row) => row.id,
      ).load(id),
    );
  }

  /** The order's latest payment attempt (one query for all orders of an `_entities` call). */
  async latestForOrder(context: SubgraphContext, orderId: string): Promise<PaymentRecord | null> {
    return this.visible(
      context,
      await rowByKey(
        context,
        'payments.latestForOrder',
        (ids) => this.payments.findByOrderIds(ids),
        (row) => row.orderId,
      ).load(orderId),
    );
  }

  history(context: SubgraphContext, paymentId: string): Promise<StatusChangeRecord[]> {
    return rowsByKey(
      context,
      'payments.history',
      (ids) => this.payments.historyFor(ids),
      (row) => row.paymentId,
    ).load(paymentId);
  }
}
