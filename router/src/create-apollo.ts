import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { toKeyValueCache, type Cache } from '@shop/cache';
import { formatRouterError } from './format-error';
import { configureGatewayTelemetry } from './env';
import { operationLimitRules } from './operation-limits';
import { documentSizePlugin, documentStore } from './document-limits';
import { pageSizePlugin } from './page-size';
import { variableLimitsPlugin } from './variable-limits';
import type { RouterContext } from './router-context';
import type { OperationLimits, RouterOptions } from './router-options';
import { SubgraphDataSource } from './subgraph-data-source';
import type { SubgraphFetcher } from './subgraph-fetcher';

export interface ApolloParts {
  apollo: ApolloServer<RouterContext>;
  /** Subgraph name -> the URL the router calls, filled in when the supergraph loads. */
  subgraphUrls: Map<string, string>;
  /** Builds a data source exactly as the gateway does (internal tokens, pooled fetcher, timeout). */
  dataSource(name: string, url: string): SubgraphDataSource;
}

/**
 * The gateway inside Apollo Server, with every protection that lives in the GraphQL layer:
 * CSRF prevention and no batching (explicit, though both are Apollo's defaults), token, depth,
 * alias, directive, cost and page-size limits, APQ on the cache port, masked errors, and in
 * production no introspection, no "Did you mean" suggestions and no landing page.
 */
export function createApollo(options: RouterOptions, limits: OperationLimits, cache: Cache, fetcher: SubgraphFetcher): ApolloParts {
  const { logger, production } = options;
  const subgraphUrls = new Map<string, string>();
  const timeoutMs = options.subgraphTimeoutMs ?? 10_000;
  const dataSource = (name: string, url: string) =>
    new SubgraphDataSource({
      name,
      url,
      minter: options.internalTokens,
      accessTokens: options.accessTokens,
      fetcher: fetcher.fetch,
      timeoutMs,
      shareInFlightQueries: options.shareInFlightQueries ?? true,
      nameInErrors: !production,
    });
  configureGatewayTelemetry(options.apolloTelemetry ?? false);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls?.[name] ?? url ?? '';
      subgraphUrls.set(name, target);
      return dataSource(name, target);
    },
    experimental_approximateQueryPlanStoreMiB: options.queryPlanCacheMiB ?? 30,
    // The gateway decides this from process.env.NODE_ENV, which need not match `production`; the
    // `apollo-query-plan-experimental` header would otherwise hand anyone the subgraph topology.
    __exposeQueryPlanExperimental: !production,
    logger,
  });
  const limitRules = operationLimitRules(limits);
  const apollo = new ApolloServer<RouterContext>({
    gateway,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // startRouter's stop() drains HTTP first; Apollo's own handler would stop it mid-request and
    // re-raise the signal, killing the process before the drain ends.
    stopOnTerminationSignals: false,
    persistedQueries: { cache: toKeyValueCache(cache), ttl: options.apqTtlSeconds ?? 86_400 },
    parseOptions: { maxTokens: limits.maxTokens },
    documentStore: documentStore(options.documentCacheMiB ?? 30),
    validationRules: limitRules,
    formatError: formatRouterError(logger, production),
    logger,
    plugins: [
      pageSizePlugin(limits.maxPageSize),
      documentSizePlugin(limits.maxDocumentBytes),
      variableLimitsPlugin(limitRules),
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
    ],
  });
  return { apollo, subgraphUrls, dataSource };
}
