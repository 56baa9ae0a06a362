import { ownsOrAdmin, type SubgraphContext } from '@shop/subgraph-kit';

/**
 * Who may see and act on an order: its customer, admins, and the guest of the cart token it was
 * placed with (also after a customer claimed it: the guest's links keep working).
 */
export function mayAccessOrder(caller: Pick<SubgraphContext, 'viewer' | 'guestKey'>, order: { customerId: string; guestKey: string | null }): boolean {
  return ownsOrAdmin(caller, order.customerId) || (order.guestKey !== null && order.guestKey === caller.guestKey);
}
