import type { Database } from '@shop/db';
import { badUserInput, isUuid, requireViewer, type SubgraphContext } from '@shop/subgraph-kit';
import type { NotificationStore } from '../stores/notification.store';

/** At most this many ids per call; "all of mine" is `ids: null`, not a long list. */
export const MAX_IDS_PER_CALL = 100;

export interface MarkReadResult {
  /** How many of the caller's notifications this call turned from unread to read. */
  markedCount: number;
  /** The caller's unread notifications afterwards. */
  unreadCount: number;
}

/** Ids are UUIDs; anything else is the caller's mistake, refused before any row changes. */
function validIds(ids: readonly string[]): string[] {
  if (ids.length > MAX_IDS_PER_CALL) throw badUserInput(`ids may hold at most ${MAX_IDS_PER_CALL} ids`, { argument: 'ids' });
  const bad = ids.findIndex((id) => !isUuid(id));
  if (bad !== -1) throw badUserInput(`ids[${bad}] must be a UUID`, { argument: 'ids' });
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

/** Marking notifications read: only ever the caller's own, idempotent by construction. */
export class MarkReadService {
  constructor(
    private readonly db: Database,
    private readonly store: NotificationStore,
  ) {}

  /**
   * `ids` null or absent: every unread notification of the caller. Ids of other users'
   * notifications, unknown ids and already read ones change nothing (and are not errors: the
   * answer must not tell whether someone else's notification exists).
   */
  async markRead(context: SubgraphContext, ids: readonly string[] | null | undefined): Promise<MarkReadResult> {
    const viewer = requireViewer(context);
    const wanted = ids === null || ids === undefined ? null : validIds(ids);
    return this.db.transaction(async (tx) => {
      const markedCount = await this.store.markRead(viewer.userId, wanted, tx);
      return { markedCount, unreadCount: await this.store.count(viewer.userId, true, tx) };
    });
  }
}
