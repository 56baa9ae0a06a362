import { loadPlatformEnv, type PlatformEnv } from '@shop/subgraph-kit';
import type { ShippingConfig } from './subgraph';

/** Shipping reads only the platform variables (README: "Every subgraph in services mode"). */
export const loadShippingEnv = (): PlatformEnv => loadPlatformEnv();

export const shippingConfigFromEnv = (_env: PlatformEnv): ShippingConfig => ({});
