import { loadPlatformEnv, type PlatformEnv } from '@shop/subgraph-kit';
import type { PromotionsConfig } from './subgraph';

/** Promotions reads only the platform variables (README: "Every subgraph in services mode"). */
export const loadPromotionsEnv = (): PlatformEnv => loadPlatformEnv();

export const promotionsConfigFromEnv = (_env: PlatformEnv): PromotionsConfig => ({});
