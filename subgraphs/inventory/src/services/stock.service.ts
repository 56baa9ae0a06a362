import DataLoader from 'dataloader';
import { perRequest, type SubgraphContext } from '@shop/subgraph-kit';
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
  availability(context: SubgraphContext, productId: string): Promise<Availability> {
    const loader = perRequest(
      context,
      'stock.availability',
      () =>
        new DataLoader<string, Availability>(async (ids) => {
          const rows = await this.stock.findByIds(ids);
          const byId = new Map(rows.map((row) => [row.productId, available(row)]));
          return ids.map((id) => {
            const units = byId.get(id);
            return units === undefined ? none : { stock: units, inStock: units > 0 };
          });
        }),
    );
    return loader.load(productId);
  }
}
