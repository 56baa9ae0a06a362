import { rowByKey, type SubgraphContext } from '@shop/subgraph-kit';
import { available, type StockStore } from '../stores/stock.store';

/** What a product's or a variant's stock looks like to shoppers. */
export interface Availability {
  stock: number;
  inStock: boolean;
}

const none: Availability = { stock: 0, inStock: false };

/** Reads stock; one batched query per request however many products or variants the router asks about. */
export class StockService {
  constructor(private readonly stock: StockStore) {}

  /** A variant with no stock row yet (or an unknown id) has nothing to sell. */
  async variantAvailability(context: SubgraphContext, variantId: string): Promise<Availability> {
    const row = await rowByKey(
      context,
      'stock.variantAvailability',
      (ids) => this.stock.findByIds(ids),
      (stock) => stock.variantId,
    ).load(variantId);
    if (!row) return none;
    const units = available(row);
    return { stock: units, inStock: units > 0 };
  }

  /** The sum over the product's variants; in stock when any variant is. */
  async productAvailability(context: SubgraphContext, productId: string): Promise<Availability> {
    const row = await rowByKey(
      context,
      'stock.productAvailability',
      (ids) => this.stock.totalsByProducts(ids),
      (total) => total.productId,
    ).load(productId);
    return row ? { stock: row.stock, inStock: row.inStock } : none;
  }
}
