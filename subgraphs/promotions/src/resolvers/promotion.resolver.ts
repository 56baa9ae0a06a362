import { isUuid } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { PromotionService } from '../services/promotion.service';

/** 1500 -> "15.00" (string arithmetic, so no float ever rounds a rate). */
export const basisPointsToPercentage = (basisPoints: number): string => `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}`;

export function promotionResolvers(promotions: PromotionService): Resolvers {
  return {
    Promotion: {
      __resolveReference: (ref, context) => (isUuid(ref.id) ? promotions.byId(context, ref.id.toLowerCase()) : null),
      automatic: (promotion) => promotion.couponCode === null,
      couponCode: (promotion, _args, context) => (promotions.canSeeCouponCode(context) ? promotion.couponCode : null),
      percentage: (promotion) => (promotion.kind === 'PERCENTAGE' ? basisPointsToPercentage(promotion.value) : null),
      description: (promotion, _args, context) => promotions.adminOnly(context, promotion.description),
      productIds: (promotion, _args, context) => promotions.adminOnly(context, promotion.productIds),
      categoryIds: (promotion, _args, context) => promotions.adminOnly(context, promotion.categoryIds),
      variantIds: (promotion, _args, context) => promotions.adminOnly(context, promotion.variantIds),
      usageLimit: (promotion, _args, context) => promotions.adminOnly(context, promotion.usageLimit),
      perCustomerLimit: (promotion, _args, context) => promotions.adminOnly(context, promotion.perCustomerLimit),
      timesUsed: (promotion, _args, context) => promotions.adminOnly(context, promotion.timesUsed),
      active: (promotion, _args, context) => promotions.adminOnly(context, promotion.active),
      createdAt: (promotion, _args, context) => promotions.adminOnly(context, promotion.createdAt),
      amountOff: (promotion) => (promotion.kind === 'FIXED_AMOUNT' && promotion.currency ? { amount: promotion.value, currency: promotion.currency } : null),
    },
    Query: {
      promotions: (_parent, args, context) => promotions.list(context, args),
      promotion: (_parent, { id }, context) => promotions.forAdmin(context, id),
    },
    Mutation: {
      createPromotion: (_parent, { input }, context) => promotions.create(context, input),
      updatePromotion: (_parent, { id, input }, context) => promotions.update(context, id, input),
      deactivatePromotion: (_parent, { id }, context) => promotions.deactivate(context, id),
    },
  };
}
