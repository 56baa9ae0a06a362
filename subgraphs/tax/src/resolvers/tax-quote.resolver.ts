import type { Resolvers } from '../__generated__/resolvers-types';
import { basisPointsToPercentage } from '../services/tax-calculator';
import type { TaxQuoteService } from '../services/tax-quote.service';

export function taxQuoteResolvers(quotes: TaxQuoteService): Resolvers {
  return {
    Query: {
      taxQuote: (_parent, { input }) => quotes.quote(input),
    },
    TaxQuote: {
      lines: (quote) => quote.lines.map((line) => ({ ...line, currency: quote.currency })),
      total: (quote) => ({ amount: quote.total, currency: quote.currency }),
    },
    TaxQuoteLine: {
      percentage: (line) => basisPointsToPercentage(line.rateBasisPoints),
      taxAmount: (line) => ({ amount: line.taxAmount, currency: line.currency }),
    },
  };
}
