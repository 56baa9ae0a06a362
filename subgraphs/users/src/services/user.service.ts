import { isOwnerOrAdmin, notFound, perRequest, requireRole, requireUuid, rowByKey, type SubgraphContext } from '@shop/subgraph-kit';
import type { UserRecord, UserStore } from '../stores/user.store';

/** Reads users; one batched query per request however many references the router sends. */
export class UserService {
  constructor(private readonly users: UserStore) {}

  byId(context: SubgraphContext, id: string): Promise<UserRecord | null> {
    return rowByKey(
      context,
      'users.byId',
      (ids) => this.users.findByIds(ids),
      (row) => row.id,
    ).load(id);
  }

  /** Admins replace a user's roles; `customer` is always kept so nobody loses the shopper's rights. */
  async setRoles(context: SubgraphContext, userId: string, roles: string[]): Promise<UserRecord> {
    requireRole(context, 'admin');
    const user = await this.users.setRoles(requireUuid(userId, 'userId'), [...new Set(['customer', ...roles])].sort());
    if (!user) throw notFound('No such user');
    return user;
  }

  /**
   * Records that this request has just proven to be `userId` (register, login, refresh), so the
   * session it returns shows the user's private fields although the request came in anonymous.
   */
  signedInDuringRequest(context: SubgraphContext, userId: string): void {
    perRequest(context, 'users.signedIn', () => new Set<string>()).add(userId);
  }

  /** E-mail and roles are private: only the user and admins may read them. */
  canSeePrivateFields(context: SubgraphContext, user: UserRecord): boolean {
    return isOwnerOrAdmin(context.viewer, user.id) || perRequest(context, 'users.signedIn', () => new Set<string>()).has(user.id);
  }
}
