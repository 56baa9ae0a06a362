import DataLoader from 'dataloader';
import { perRequest, type SubgraphContext } from '@shop/subgraph-kit';
import type { PaymentRecord, PaymentStore, StatusChangeRecord } from '../stores/payment.store';

/**
 * Reads payments for GraphQL, batched per request, and decides who sees them: the order's
 * customer and admins. Anyone else gets null, so a payment's existence does not leak.
 */
export class PaymentReader {
  constructor(private readonly payments: PaymentStore) {}

  canSee(context: SubgraphContext, payment: PaymentRecord): boolean {
    const viewer = context.viewer;
    return viewer !== null && (viewer.userId === payment.customerId || viewer.roles.includes('admin'));
  }

  private visible(context: SubgraphContext, payment: PaymentRecord | null | undefined): PaymentRecord | null {
    return payment && this.canSee(context, payment) ? payment : null;
  }

  async byId(context: SubgraphContext, id: string): Promise<PaymentRecord | null> {
    const loader = perRequest(
      context,
      'payments.byId',
      () =>
        new DataLoader<string, PaymentRecord | null>(async (ids) => {
          const byId = new Map((await this.payments.findByIds(ids)).map((row) => [row.id, row]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
    return this.visible(context, await loader.load(id));
  }

  /** The order's latest payment attempt (one query for all orders of an `_entities` call). */
  async latestForOrder(context: SubgraphContext, orderId: string): Promise<PaymentRecord | null> {
    const loader = perRequest(
      context,
      'payments.latestForOrder',
      () =>
        new DataLoader<string, PaymentRecord | null>(async (orderIds) => {
          const rows = await this.payments.findByOrderIds(orderIds);
          return orderIds.map((orderId) => rows.find((row) => row.orderId === orderId) ?? null);
        }),
    );
    return this.visible(context, await loader.load(orderId));
  }

  history(context: SubgraphContext, paymentId: string): Promise<StatusChangeRecord[]> {
    const loader = perRequest(
      context,
      'payments.history',
      () =>
        new DataLoader<string, StatusChangeRecord[]>(async (ids) => {
          const rows = await this.payments.historyFor(ids);
          return ids.map((id) => rows.filter((row) => row.paymentId === id));
        }),
    );
    return loader.load(paymentId);
  }
}
