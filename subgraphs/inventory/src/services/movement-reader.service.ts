import { badUserInput, type Connection, pageSize, requireRole, sequenceCursor, type SubgraphContext } from '@shop/subgraph-kit';
import type { LedgerOf, MovementRecord, MovementStore } from '../stores/movement.store';

const pages = sequenceCursor('movement');

/** The stock ledger, for admins only. */
export class MovementReader {
  constructor(private readonly movements: MovementStore) {}

  /** Newest first, of a product (all its variants) or of one variant. A product that no longer exists keeps its ledger. */
  async page(
    context: SubgraphContext,
    of: { productId?: string | null; variantId?: string | null },
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<MovementRecord>> {
    requireRole(context, 'admin');
    const ledger = ledgerOf(of);
    const size = pageSize(first);
    const afterSeq = pages.decode(after);
    const [rows, totalCount] = await Promise.all([this.movements.page(ledger, afterSeq, size + 1), this.movements.count(ledger)]);
    return pages.toPage(rows, size, totalCount, afterSeq);
  }
}

function ledgerOf({ productId, variantId }: { productId?: string | null; variantId?: string | null }): LedgerOf {
  if (productId && !variantId) return { productId };
  if (variantId && !productId) return { variantId };
  throw badUserInput('Give exactly one of productId and variantId');
}
