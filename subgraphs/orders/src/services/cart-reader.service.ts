import type { Executor } from '@shop/db';
import { isOwnerOrAdmin, rowByKey, type SubgraphContext } from '@shop/subgraph-kit';
import type { CartItemStore } from '../stores/cart-item.store';
import type { CartStore } from '../stores/cart.store';
import type { CartView } from './cart-view';

/** Reads carts: the viewer's own, and batched references that only the owner or an admin may see. */
export class CartReader {
  constructor(
    private readonly carts: CartStore,
    private readonly items: CartItemStore,
  ) {}

  /** The user's open cart with its lines (created if missing), read in `db` so a mutation sees its own writes. */
  async openFor(userId: string, db?: Executor): Promise<CartView> {
    const cart = await this.carts.openFor(userId, db);
    return { ...cart, lines: await this.items.linesFor([cart.id], db) };
  }

  /** A `Cart` reference: one query for the carts and one for their lines per `_entities` call. */
  async byReference(context: SubgraphContext, id: string): Promise<CartView | null> {
    const loader = rowByKey(
      context,
      'carts.byId',
      async (ids: readonly string[]): Promise<CartView[]> => {
        const found = await this.carts.findByIds(ids);
        const lines = await this.items.linesFor(found.map((cart) => cart.id));
        return found.map((cart) => ({ ...cart, lines: lines.filter((line) => line.cartId === cart.id) }));
      },
      (cart) => cart.id,
    );
    const cart = await loader.load(id);
    // A cart is private: anyone but its owner and admins sees no such cart.
    const viewer = context.viewer;
    if (!cart || !isOwnerOrAdmin(viewer, cart.userId)) return null;
    return cart;
  }
}
