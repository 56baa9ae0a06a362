import { z } from 'zod';
import { loadEnvOrExit, platformEnvShape } from '@shop/subgraph-kit';
import type { FavouritesConfig } from './subgraph';

/** The favourites subgraph's configuration (services mode): the platform variables only, for now (see the root README). */
export const favouritesEnvSchema = z.object({ ...platformEnvShape });

export type FavouritesEnv = z.output<typeof favouritesEnvSchema>;

/** Parses the process environment; prints every problem and exits when it is invalid. */
export const loadFavouritesEnv = (): FavouritesEnv => loadEnvOrExit(favouritesEnvSchema, process.env);

export const favouritesConfigFromEnv = (_env: FavouritesEnv): FavouritesConfig => ({});
