import { loadPlatformEnv, type PlatformEnv } from '@shop/subgraph-kit';
import type { RatingsConfig } from './subgraph';

/** Ratings reads only the platform variables (see the root README); prints every problem and exits when invalid. */
export const loadRatingsEnv = (): PlatformEnv => loadPlatformEnv();

export const ratingsConfigFromEnv = (): RatingsConfig => ({});
