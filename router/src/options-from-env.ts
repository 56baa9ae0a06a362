import type { RouterEnv } from './env';
import type { RouterOptions } from './router-options';

type EnvOptions = Omit<RouterOptions, 'supergraphSdl' | 'accessTokens' | 'internalTokens' | 'logger' | 'cache'>;

/** The router options that come straight from validated configuration. */
export function routerOptionsFromEnv(env: RouterEnv): EnvOptions {
  return {
    ...(env.SUBGRAPH_URLS ? { subgraphUrls: env.SUBGRAPH_URLS } : {}),
    port: env.ROUTER_PORT,
    host: env.ROUTER_HOST,
    production: env.NODE_ENV === 'production',
    limits: {
      maxDepth: env.ROUTER_MAX_DEPTH,
      maxAliases: env.ROUTER_MAX_ALIASES,
      maxDirectives: env.ROUTER_MAX_DIRECTIVES,
      maxTokens: env.ROUTER_MAX_TOKENS,
      maxCost: env.ROUTER_MAX_COST,
      maxPageSize: env.ROUTER_MAX_PAGE_SIZE,
      maxDocumentBytes: env.ROUTER_MAX_DOCUMENT_BYTES,
    },
    rateLimit: { max: env.ROUTER_RATE_LIMIT_PER_MINUTE, windowSeconds: 60, trustProxy: env.ROUTER_TRUST_PROXY },
    bodyLimitBytes: env.ROUTER_BODY_LIMIT_BYTES,
    subgraphTimeoutMs: env.ROUTER_SUBGRAPH_TIMEOUT_MS,
    subgraphConnections: env.ROUTER_SUBGRAPH_CONNECTIONS,
    shareInFlightQueries: env.ROUTER_SHARE_INFLIGHT_QUERIES,
    queryPlanCacheMiB: env.ROUTER_QUERY_PLAN_CACHE_MIB,
    apqTtlSeconds: env.ROUTER_APQ_TTL_SECONDS,
    documentCacheMiB: env.ROUTER_DOCUMENT_CACHE_MIB,
    ...(env.ROUTER_READY_DETAIL_TOKEN ? { readyDetailToken: env.ROUTER_READY_DETAIL_TOKEN } : {}),
    drainTimeoutMs: env.ROUTER_DRAIN_TIMEOUT_MS,
    subscriptions: {
      maxPerConnection: env.SUBSCRIPTIONS_MAX_PER_CONNECTION,
      maxConnectionsPerIp: env.SUBSCRIPTIONS_MAX_CONNECTIONS_PER_IP,
      initTimeoutMs: env.SUBSCRIPTIONS_INIT_TIMEOUT_MS,
    },
    apolloTelemetry: env.ROUTER_APOLLO_TELEMETRY,
    ...corsFromEnv(env),
  };
}

/** Development allows local front ends unless told not to; production only its allow-list. */
function corsFromEnv(env: RouterEnv): Pick<EnvOptions, 'cors'> {
  const localOrigins = env.CORS_LOCAL_ORIGINS && env.NODE_ENV !== 'production';
  if (!env.CORS_ORIGINS && !localOrigins) return {};
  return { cors: { origins: env.CORS_ORIGINS ?? [], credentials: env.CORS_CREDENTIALS, ...(localOrigins ? { localOrigins } : {}) } };
}
