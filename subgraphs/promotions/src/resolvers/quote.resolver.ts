import type { Resolvers } from '../__generated__/resolvers-types';
import type { QuoteService } from '../services/quote.service';

export function quoteResolvers(quotes: QuoteService): Resolvers {
  return {
    Query: {
      promotionQuote: (_parent, { input }, context) => quotes.quote(context, input),
    },
  };
}
