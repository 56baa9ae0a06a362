export { promotionsModule, type PromotionsConfig } from './subgraph';
export { createPromotions, type Promotions } from './promotions';
