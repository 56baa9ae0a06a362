import { rowByKey, type SubgraphContext } from '@shop/subgraph-kit';
import { available, type StockStore } from '../stores/stock.store';

/** What a product's stock looks like to shoppers. */
export interface Availability {
  stock: number;
  inStock: boolean;
}

const none: Availability = { stock: 0, inStock: false };

/** Reads stock; one batched query per request however many products the router asks about. */
export class StockService {
  constructor(private readonly stock: StockStore) {}

  /** A product with no stock row yet (or an unknown id) has nothing to sell. */
  async availability(context: SubgraphContext, productId: string): Promise<Availability> {
    const row = await rowByKey(context, 'stock.availability', (ids) => this.stock.findByIds(ids), (stock) => stock.productId).load(productId);
    if (!row) return none;
    const units = available(row);
    return { stock: units, inStock: units > 0 };
  }
}
