import { ownsOrAdmin, pageSize, requireRole, rowByKey, rowsByKey, type SubgraphContext } from '@shop/subgraph-kit';
import type { ReturnStatus } from '@shop/events';
import { toReturnStatusChanges, type ReturnStatusChange } from './return-status-feed';
import type { ReturnRecord, ReturnStore } from '../stores/return.store';

/** Reads returns: like orders, only the order's customer and admins ever see one. */
export class ReturnReader {
  constructor(private readonly returns: ReturnStore) {}

  /** `Order.returns` (the order itself is already authorized): one query per request for every order. */
  forOrder(context: SubgraphContext, orderId: string): Promise<ReturnRecord[]> {
    return rowsByKey(
      context,
      'returns.forOrders',
      (ids) => this.returns.forOrders(ids),
      (row) => row.orderId,
    ).load(orderId);
  }

  async byId(context: SubgraphContext, id: string): Promise<ReturnRecord | null> {
    const ret = await rowByKey(
      context,
      'returns.byId',
      (ids) => this.returns.findByIds(ids),
      (row) => row.id,
    ).load(id);
    return ret && ownsOrAdmin(context, ret.customerId) ? ret : null;
  }

  /** Read now, bypassing the request's cache: a subscription's context outlives many changes. */
  async current(context: SubgraphContext, id: string): Promise<ReturnRecord | null> {
    const [ret] = await this.returns.findByIds([id]);
    return ret && ownsOrAdmin(context, ret.customerId) ? ret : null;
  }

  async statusHistory(context: SubgraphContext, returnId: string): Promise<ReturnStatusChange[]> {
    return toReturnStatusChanges(
      await rowsByKey(
        context,
        'returns.history',
        (ids) => this.returns.historyFor(ids),
        (row) => row.returnId,
      ).load(returnId),
    );
  }

  /** The admins' work list: the newest returns in one status. */
  byStatus(context: SubgraphContext, status: ReturnStatus, first: number | null | undefined): Promise<ReturnRecord[]> {
    requireRole(context, 'admin');
    return this.returns.byStatus(status, pageSize(first));
  }
}
