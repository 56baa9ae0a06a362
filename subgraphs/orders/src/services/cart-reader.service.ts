import type { Executor } from '@shop/db';
import { ownsOrGuestOrAdmin, rowByKey, type SubgraphContext } from '@shop/subgraph-kit';
import type { CartItemStore } from '../stores/cart-item.store';
import type { CartOwner, CartRecord, CartStore } from '../stores/cart.store';
import { unknownCartToken } from './cart-owner';
import type { CartView } from './cart-view';

/** Reads carts: the caller's own (a user's or a guest's), and batched references that only the owner or an admin may see. */
export class CartReader {
  constructor(
    private readonly carts: CartStore,
    private readonly items: CartItemStore,
  ) {}

  /** The owner's open cart with its lines (created if missing), read in `db` so a mutation sees its own writes. */
  async openFor(owner: CartOwner, db?: Executor): Promise<CartView> {
    const cart = await this.ensureOpen(owner, db);
    return { ...cart, lines: await this.items.linesFor([cart.id], db) };
  }

  /**
   * The owner's open cart row, created if missing; a guest key that no cart ever had (a token this
   * shop never issued) is UNAUTHENTICATED rather than a new cart.
   */
  async ensureOpen(owner: CartOwner, db?: Executor, lock = false, newGuest = false): Promise<CartRecord> {
    if (owner.guestKey !== undefined && !newGuest) {
      // The usual case, one statement: the guest's cart is open. Only without one is the key checked.
      const open = await this.carts.openGuestCart(owner.guestKey, db, lock);
      if (open) return open;
      if (!(await this.carts.guestKnown(owner.guestKey, db))) throw unknownCartToken();
    }
    return this.carts.openFor(owner, db, lock);
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
    // A cart is private: anyone but its owner (the user, or the guest of its token) and admins sees no such cart.
    if (!cart) return null;
    return ownsOrGuestOrAdmin(context, { ownerId: cart.userId, guestKey: cart.guestKey }) ? cart : null;
  }
}
