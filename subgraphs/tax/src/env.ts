import { loadPlatformEnv, type PlatformEnv } from '@shop/subgraph-kit';
import type { TaxConfig } from './subgraph';

/** Tax reads only the platform variables (README: "Every subgraph in services mode"). */
export const loadTaxEnv = (): PlatformEnv => loadPlatformEnv();

export const taxConfigFromEnv = (_env: PlatformEnv): TaxConfig => ({});
