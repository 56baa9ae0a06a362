/** What resolvers return for each GraphQL type (codegen maps `<Name>` to `<Name>Model`). */
import type { Page } from './services/pagination';
import type { TaxRateRecord } from './stores/tax-rate.store';
import type { TaxLineResult } from './services/tax-calculator';

export type { TaxRateRecord as TaxRateModel } from './stores/tax-rate.store';
export type { TaxRateResult as TaxRatePayloadModel } from './services/tax-rate.service';
export type { TaxCalculation as TaxQuoteModel } from './services/tax-calculator';
export type TaxRateConnectionModel = Page<TaxRateRecord>;
/** A calculated line plus the quote's currency, so `taxAmount` can be a Money. */
export type TaxQuoteLineModel = TaxLineResult & { currency: string };
