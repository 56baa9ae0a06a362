import {
  type Connection,
  countByKey,
  isOwnerOrAdmin,
  isUuid,
  pageSize,
  requireOwnerOrAdmin,
  requireViewer,
  rowByKey,
  sequenceCursor,
  type SubgraphContext,
  toConnection,
} from '@shop/subgraph-kit';
import type { NotificationRecord, NotificationStore } from '../stores/notification.store';

const cursor = sequenceCursor('notification');

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  unreadOnly?: boolean | null;
}

/** Reads of notifications: authorization and per-request batching live here. */
export class NotificationReader {
  constructor(private readonly store: NotificationStore) {}

  /** A user's notifications are private: only the user themself and admins may read them. */
  private assertMayRead(context: SubgraphContext, userId: string): void {
    requireOwnerOrAdmin(requireViewer(context), userId, 'Only the user themself may see their notifications');
  }

  /** Newest first; `unreadOnly` narrows both the page and `totalCount`. */
  async page(context: SubgraphContext, userId: string, args: PageArgs): Promise<Connection<NotificationRecord>> {
    this.assertMayRead(context, userId);
    const size = pageSize(args.first);
    const beforeSeq = cursor.decode(args.after);
    const unreadOnly = args.unreadOnly ?? false;
    const [rows, total] = await Promise.all([this.store.page(userId, unreadOnly, beforeSeq, size + 1), this.store.count(userId, unreadOnly)]);
    return toConnection(rows, size, total, beforeSeq !== null, (node) => cursor.encode(node.seq));
  }

  /** One query for every user of the request (an `_entities` call of 20 users costs one round trip). */
  unreadCount(context: SubgraphContext, userId: string): Promise<number> {
    this.assertMayRead(context, userId);
    return countByKey(context, 'notifications.unreadCount', (ids) => this.store.unreadCounts(ids)).load(userId);
  }

  /** A Notification reference: null for one that does not exist or that the caller may not see. */
  async notification(context: SubgraphContext, id: string): Promise<NotificationRecord | null> {
    if (!context.viewer || !isUuid(id)) return null;
    const found = await rowByKey(
      context,
      'notifications.byId',
      (ids) => this.store.findByIds(ids),
      (row) => row.id,
    ).load(id.toLowerCase());
    return found && isOwnerOrAdmin(context.viewer, found.recipientId) ? found : null;
  }
}
