import { z } from 'zod';
import { loadEnvOrExit } from '@shop/config';
import { platformEnvShape } from '@shop/subgraph-kit';
import type { ProductsConfig } from './subgraph';

/** The products subgraph's configuration (services mode). Every variable is documented in its README. */
export const productsEnvSchema = z
  .object({
    ...platformEnvShape,
    /** Where the catalog lives: `mongo` in services mode, `postgres` (JSONB, schema `products`) otherwise. */
    CATALOG_DRIVER: z.enum(['mongo', 'postgres']).default('postgres'),
    /** e.g. `mongodb://mongo:27017/`; required with CATALOG_DRIVER=mongo. */
    MONGO_URL: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must be a mongodb:// or mongodb+srv:// URL')
      .optional(),
    MONGO_DATABASE: z
      .string()
      .regex(/^[^/\\. "$*<>:|?\0]{1,63}$/, 'must be a valid MongoDB database name')
      .default('shop'),
  })
  .refine((env) => env.CATALOG_DRIVER !== 'mongo' || env.MONGO_URL !== undefined, {
    message: 'MONGO_URL is required when CATALOG_DRIVER=mongo',
    path: ['MONGO_URL'],
  });

export type ProductsEnv = z.output<typeof productsEnvSchema>;

/** Parses the process environment; prints every problem and exits when it is invalid. */
export const loadProductsEnv = (): ProductsEnv => loadEnvOrExit(productsEnvSchema, process.env);

export const productsConfigFromEnv = (env: ProductsEnv): ProductsConfig => ({
  catalog: env.CATALOG_DRIVER === 'mongo' ? { kind: 'mongo', url: env.MONGO_URL!, database: env.MONGO_DATABASE } : { kind: 'postgres' },
});
