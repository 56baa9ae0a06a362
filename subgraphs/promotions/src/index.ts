export { promotionsModule, createUsageService, type PromotionsConfig } from './subgraph';
export { applyPromotions, normalizeCouponCode, percentOff, fixedOff, MixedCurrencyError } from './services/discount-engine';
export type { ApplyPromotionsInput, CartLine, CouponRejectionReason, DiscountResult, LineDiscount, Money, PromotionRule, PromotionUsage } from './services/discount-engine';
export type { UsageOutcome, UsageResult, UsageService } from './services/usage.service';
