import type { OrderStatus } from '@shop/events';
import {
  type Connection,
  ownsOrGuestOrAdmin,
  pageSize,
  requireOwnerOrAdmin,
  requireRole,
  rowByKey,
  rowsByKey,
  sequenceCursor,
  type SubgraphContext,
  toConnection,
  type Viewer,
} from '@shop/subgraph-kit';
import type { OrderHistoryStore } from '../stores/order-history.store';
import type { OrderRecord, OrderStore } from '../stores/order.store';
import { toStatusChanges, type StatusChange } from './order-status-feed';

const cursor = sequenceCursor('order');

export interface OrderPageArgs {
  first?: number | null;
  after?: string | null;
  status?: OrderStatus | null;
}

/** Reads orders: only the customer who placed one (a user, or the guest of its cart token), and admins, ever see it. */
export class OrderReader {
  constructor(
    private readonly orders: OrderStore,
    private readonly history: OrderHistoryStore,
  ) {}

  /** `order(id)` and `Order` references: one query per request for any number of ids. */
  async byId(context: SubgraphContext, id: string): Promise<OrderRecord | null> {
    const order = await rowByKey(
      context,
      'orders.byId',
      (ids) => this.orders.findByIds(ids),
      (row) => row.id,
    ).load(id);
    return order && ownsOrGuestOrAdmin(context, { ownerId: order.customerId, guestKey: order.guestKey }) ? order : null;
  }

  /** Read now, bypassing the request's cache: a subscription's context outlives many changes. */
  async current(context: SubgraphContext, id: string): Promise<OrderRecord | null> {
    const [order] = await this.orders.findByIds([id]);
    return order && ownsOrGuestOrAdmin(context, { ownerId: order.customerId, guestKey: order.guestKey }) ? order : null;
  }

  /** Status history of the orders in this request: one query for all of them. */
  async statusHistory(context: SubgraphContext, orderId: string): Promise<StatusChange[]> {
    return toStatusChanges(
      await rowsByKey(
        context,
        'orders.history',
        (ids) => this.history.forOrders(ids),
        (row) => row.orderId,
      ).load(orderId),
    );
  }

  /** `User.orders`: the user themself or an admin; anyone else is FORBIDDEN. */
  forCustomer(viewer: Viewer, customerId: string, args: OrderPageArgs): Promise<Connection<OrderRecord>> {
    requireOwnerOrAdmin(viewer, customerId, 'You can only see your own orders');
    return this.page({ ...args, customerId });
  }

  /** The admin order list, newest first, optionally by status: UNAUTHENTICATED or FORBIDDEN for anyone else. */
  forAdmin(context: SubgraphContext, args: OrderPageArgs): Promise<Connection<OrderRecord>> {
    requireRole(context, 'admin');
    return this.page(args);
  }

  private async page(args: OrderPageArgs & { customerId?: string }): Promise<Connection<OrderRecord>> {
    const size = pageSize(args.first);
    const beforeSeq = cursor.decode(args.after);
    const filter = { customerId: args.customerId, status: args.status ?? undefined };
    const [rows, total] = await Promise.all([this.orders.page({ ...filter, beforeSeq, limit: size + 1 }), this.orders.count(filter)]);
    return toConnection(rows, size, total, beforeSeq !== null, (order) => cursor.encode(order.seq));
  }
}
