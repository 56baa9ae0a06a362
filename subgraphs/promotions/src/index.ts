export { promotionsModule, createUsageService, type PromotionsConfig } from './subgraph';
