import { DateTimeScalar } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { CartDiscountService } from '../services/cart-discount.service';
import type { ProductPricingService } from '../services/product-pricing.service';
import type { PromotionService } from '../services/promotion.service';
import type { QuoteService } from '../services/quote.service';
import { cartResolvers } from './cart.resolver';
import { productResolvers } from './product.resolver';
import { promotionResolvers } from './promotion.resolver';
import { quoteResolvers } from './quote.resolver';

export function resolvers(services: { promotions: PromotionService; pricing: ProductPricingService; quotes: QuoteService; carts: CartDiscountService }): Resolvers {
  const promotion = promotionResolvers(services.promotions);
  const quote = quoteResolvers(services.quotes);
  return {
    DateTime: DateTimeScalar,
    ...promotion,
    ...productResolvers(services.pricing),
    ...cartResolvers(services.carts),
    Query: { ...promotion.Query, ...quote.Query },
  };
}
