/** What resolvers return for each GraphQL type (codegen maps `<Name>` to `<Name>Model`). */
import type { Connection } from '@shop/subgraph-kit';
import type { TaxRateRecord } from './stores/tax-rate.store';
import type { TaxLine } from './services/order-tax';
import type { TaxLineResult } from './services/tax-calculator';

export type { TaxRateRecord as TaxRateModel } from './stores/tax-rate.store';
export type { TaxRateResult as TaxRatePayloadModel } from './services/tax-rate.service';
export type { TaxCalculation as TaxQuoteModel } from './services/tax-calculator';
export type TaxRateConnectionModel = Connection<TaxRateRecord>;
/** A calculated line plus the quote's currency, so `taxAmount` can be a Money. */
export type TaxQuoteLineModel = TaxLineResult & { currency: string };
export type { OrderTax as CartTaxModel } from './services/order-tax';
/** A tax line plus its cart's or order's currency, so `amount` can be a Money. */
export type TaxLineModel = TaxLine & { currency: string };
/** An order reference: tax only needs its id. */
export interface OrderModel {
  id: string;
}
/** A cart reference with the fields the router sent for `tax` (@requires), unchecked until the service parses them. */
export interface CartModel {
  id: string;
  [field: string]: unknown;
}
