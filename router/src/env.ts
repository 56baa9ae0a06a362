import { z } from 'zod';
import { list, loadEnvOrExit, logLevel, nodeEnv, pem, port } from '@shop/config';

/** The router's configuration. Every variable is documented in the README table. */
export const routerEnvSchema = z.object({
  NODE_ENV: nodeEnv,
  ROUTER_PORT: port(4000),
  ROUTER_HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: logLevel,
  SUPERGRAPH_PATH: z.string().default('schema/supergraph.graphql'),
  /** JSON object overriding subgraph URLs from the supergraph file, e.g. {"users":"http://users:4001/graphql"}. */
  SUBGRAPH_URLS: z
    .string()
    .transform((raw) => z.record(z.string(), z.string().url()).parse(JSON.parse(raw)))
    .optional(),
  /** Where the users subgraph publishes its access-token keys. */
  JWKS_URL: z.string().url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
  ACCESS_TOKEN_ISSUER: z.string().default('commerce-supergraph'),
  ACCESS_TOKEN_AUDIENCE: z.string().default('commerce-supergraph'),
  /** PEM (PKCS#8) Ed25519 key that signs the internal tokens subgraphs verify. */
  INTERNAL_TOKEN_PRIVATE_KEY: pem,
  CORS_ORIGINS: list.optional(),
});

export type RouterEnv = z.output<typeof routerEnvSchema>;

export const loadRouterEnv = (): RouterEnv => loadEnvOrExit(routerEnvSchema, process.env);
