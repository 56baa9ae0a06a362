import { z } from 'zod';
import { flag, list, loadEnvOrExit, logLevel, nodeEnv, pem, port } from '@shop/config';

const int = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

/** The router's configuration. Every variable is documented in the README table. */
export const routerEnvSchema = z
  .object({
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
    /** After a fetch, an unknown `kid` triggers another fetch only once this has passed. */
    JWKS_COOLDOWN_MS: int(30_000, 0),
    /** Keys are refetched when older than this, so a removed key stops working within it. */
    JWKS_CACHE_MAX_AGE_MS: int(300_000),
    JWKS_TIMEOUT_MS: int(3_000),
    ACCESS_TOKEN_ISSUER: z.string().default('commerce-supergraph'),
    ACCESS_TOKEN_AUDIENCE: z.string().default('commerce-supergraph'),
    /** Seconds an access token is still accepted after its `exp` (clock skew between hosts). */
    ACCESS_TOKEN_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
    /** PEM (PKCS#8) Ed25519 key that signs the internal tokens subgraphs verify. */
    INTERNAL_TOKEN_PRIVATE_KEY: pem,
    CORS_ORIGINS: list.optional(),
    CORS_CREDENTIALS: flag(false),
    /** Allow any http://localhost:* / 127.0.0.1:* origin; ignored when NODE_ENV=production. */
    CORS_LOCAL_ORIGINS: flag(true),
    ROUTER_MAX_DEPTH: int(12),
    ROUTER_MAX_ALIASES: int(15),
    ROUTER_MAX_DIRECTIVES: int(20),
    ROUTER_MAX_TOKENS: int(2_000),
    ROUTER_MAX_COST: int(5_000),
    ROUTER_MAX_PAGE_SIZE: int(100),
    ROUTER_MAX_DOCUMENT_BYTES: int(32_768),
    ROUTER_BODY_LIMIT_BYTES: int(1_000_000),
    /** 0 turns rate limiting off. */
    ROUTER_RATE_LIMIT_PER_MINUTE: int(600, 0),
    ROUTER_TRUST_PROXY: flag(false),
    ROUTER_SUBGRAPH_TIMEOUT_MS: int(10_000),
    ROUTER_SUBGRAPH_CONNECTIONS: int(64),
    ROUTER_SHARE_INFLIGHT_QUERIES: flag(true),
    ROUTER_QUERY_PLAN_CACHE_MIB: int(30),
    ROUTER_APQ_TTL_SECONDS: int(86_400),
    ROUTER_DOCUMENT_CACHE_MIB: int(30),
    /** Operators send it as `x-ready-detail-token` to see the per-subgraph `/ready` report in production. */
    ROUTER_READY_DETAIL_TOKEN: z.string().min(16).optional(),
    ROUTER_DRAIN_TIMEOUT_MS: int(10_000, 0),
    /** graphql-ws limits (README "Subscriptions"). */
    SUBSCRIPTIONS_MAX_PER_CONNECTION: int(10),
    SUBSCRIPTIONS_MAX_CONNECTIONS_PER_IP: int(20),
    SUBSCRIPTIONS_INIT_TIMEOUT_MS: int(3_000),
    /** Let @apollo/gateway send Apollo anonymous usage metrics (and probe cloud metadata endpoints). */
    ROUTER_APOLLO_TELEMETRY: flag(false),
    CACHE_DRIVER: z.enum(['memory', 'redis']).default('memory'),
    REDIS_URL: z.string().optional(),
  })
  .refine((env) => env.CACHE_DRIVER === 'memory' || env.REDIS_URL !== undefined, {
    message: 'REDIS_URL is required when CACHE_DRIVER=redis',
    path: ['REDIS_URL'],
  });

export type RouterEnv = z.output<typeof routerEnvSchema>;

export const loadRouterEnv = (): RouterEnv => loadEnvOrExit(routerEnvSchema, process.env);

/**
 * @apollo/gateway 2.x, unless `APOLLO_TELEMETRY_DISABLED` is set when an `ApolloGateway` is
 * constructed, exports anonymous usage metrics to Apollo every few minutes and first probes the
 * AWS, GCP, Azure and Alibaba instance-metadata endpoints to label them. A shop's router must not
 * phone home or poke link-local addresses on its own, so it is off unless asked for
 * (`RouterOptions.apolloTelemetry`). The library reads only this variable, hence writing it.
 */
export function configureGatewayTelemetry(enabled: boolean): void {
  if (enabled) delete process.env.APOLLO_TELEMETRY_DISABLED;
  else process.env.APOLLO_TELEMETRY_DISABLED = 'true';
}
