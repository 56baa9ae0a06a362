import { type Connection, pageSize, requireRole, sequenceCursor, type SubgraphContext } from '@shop/subgraph-kit';
import type { MovementRecord, MovementStore } from '../stores/movement.store';

const pages = sequenceCursor('movement');

/** The stock ledger, for admins only. */
export class MovementReader {
  constructor(private readonly movements: MovementStore) {}

  /** Newest first. A product that no longer exists keeps its ledger. */
  async page(context: SubgraphContext, productId: string, first: number | null | undefined, after: string | null | undefined): Promise<Connection<MovementRecord>> {
    requireRole(context, 'admin');
    const size = pageSize(first);
    const afterSeq = pages.decode(after);
    const [rows, totalCount] = await Promise.all([
      this.movements.page(productId, afterSeq, size + 1),
      this.movements.countForProduct(productId),
    ]);
    return pages.toPage(rows, size, totalCount, afterSeq);
  }
}
