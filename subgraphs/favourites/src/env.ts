import { loadPlatformEnv, type PlatformEnv } from '@shop/subgraph-kit';
import type { FavouritesConfig } from './subgraph';

/** Favourites reads only the platform variables (README: "Every subgraph in services mode"). */
export const loadFavouritesEnv = (): PlatformEnv => loadPlatformEnv();

export const favouritesConfigFromEnv = (_env: PlatformEnv): FavouritesConfig => ({});
