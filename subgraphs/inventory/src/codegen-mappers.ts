/** What resolvers return for each GraphQL type (codegen maps `<Name>` to `<Name>Model`). */
export type { MovementRecord as StockMovementModel } from './stores/movement.store';
export type { AdjustStockResult as AdjustStockPayloadModel } from './services/adjust-stock.service';

/** A product reference: inventory keeps no catalog data, only stock looked up by id. */
export interface ProductModel {
  id: string;
}

/** A user reference, resolved by the users subgraph. */
export interface UserModel {
  id: string;
}

/** A variant reference: stock is kept per variant id. */
export interface ProductVariantModel {
  id: string;
}
