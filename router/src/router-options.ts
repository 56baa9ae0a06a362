import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { GraphQLDataSource } from '@apollo/gateway';
import type { Cache } from '@shop/cache';
import type { Logger } from '@shop/subgraph-kit';
import type { AccessTokenVerifier } from './client-identity';
import type { CorsOptions } from './cors';
import type { InternalTokenMinter } from './subgraph-data-source';
import type { SubscriptionOptions } from './subscriptions/subscription-options';

/** Operation limits, checked before anything is planned or sent to a subgraph. */
export interface OperationLimits {
  /** Deepest selection nesting. @default 12 */
  maxDepth: number;
  /** Aliases per operation (alias flooding multiplies resolver work). @default 15 */
  maxAliases: number;
  /** Directives per operation. @default 20 */
  maxDirectives: number;
  /** Lexical tokens per document, enforced by the parser itself. @default 2000 */
  maxTokens: number;
  /** graphql-armor estimated cost (objects 2, scalars 1, x1.5 per level). @default 5000 */
  maxCost: number;
  /** Largest `first` / `last` argument, literal or variable. @default 100 */
  maxPageSize: number;
  /**
   * Longest document in UTF-8 bytes, comments and whitespace included (they are no tokens), so a
   * padded document can neither be registered as a persisted query nor planned. @default 32_768
   */
  maxDocumentBytes: number;
}

export interface RateLimitOptions {
  /** Requests per client per window; 0 turns limiting off. */
  max: number;
  /** @default 60 */
  windowSeconds?: number;
  /** Use the first `x-forwarded-for` address as the client IP (only behind a trusted proxy). @default false */
  trustProxy?: boolean;
}

export interface RouterOptions {
  supergraphSdl: string;
  /** Replaces the URL the supergraph file names for a subgraph (e.g. docker service names). */
  subgraphUrls?: Record<string, string>;
  accessTokens: AccessTokenVerifier;
  internalTokens: InternalTokenMinter;
  logger: Logger;
  port: number;
  /** @default '0.0.0.0' */
  host?: string;
  /** Production hides introspection, field suggestions and the Sandbox landing page. */
  production: boolean;
  /** Backs APQ and rate-limit windows; Redis when several routers run. @default in-memory */
  cache?: Cache;
  limits?: Partial<OperationLimits>;
  /** @default { max: 600, windowSeconds: 60 } */
  rateLimit?: RateLimitOptions;
  /** Largest accepted request body (413 above it). @default 1_000_000 */
  bodyLimitBytes?: number;
  /** A subgraph slower than this gives its fields a GATEWAY_TIMEOUT error. @default 10_000 */
  subgraphTimeoutMs?: number;
  /** Keep-alive connections per subgraph origin. @default 64 */
  subgraphConnections?: number;
  /**
   * Identical queries of the same identity that are in flight to a subgraph at the same time share
   * one fetch (mutations never). @default true
   */
  shareInFlightQueries?: boolean;
  /** Approximate query-plan cache size. @default 30 */
  queryPlanCacheMiB?: number;
  /** Parsed-document cache size, counting each document's source text. @default 30 */
  documentCacheMiB?: number;
  /** How long a registered persisted query is kept. @default 86_400 */
  apqTtlSeconds?: number;
  /** @default no cross-origin access (`localOrigins` counts only outside production) */
  cors?: CorsOptions;
  /** Time `stop()` lets in-flight requests finish before closing their connections. @default 10_000 */
  drainTimeoutMs?: number;
  /** Let @apollo/gateway send Apollo its anonymous usage metrics (see configureGatewayTelemetry in env.ts). @default false */
  apolloTelemetry?: boolean;
  /** Readiness probe timeout per subgraph `/health`. @default 1_000 */
  readyTimeoutMs?: number;
  /**
   * In production `/ready` answers only `{ ready, supergraph }`; a caller sending this value in
   * the `x-ready-detail-token` header also gets the per-subgraph report. @default none (never)
   */
  readyDetailToken?: string;
  /**
   * Called with the HTTP server before it listens, e.g. to attach a WebSocket server for
   * subscriptions on the same port. The returned function runs first in `stop()`.
   */
  onServer?: (server: Server, router: RouterInternals) => void | (() => Promise<void>);
  /**
   * A local GraphQL IDE answering browser visits before anything else (`createExplorer` from
   * `@shop/explorer`); ignored in production. @default Apollo's landing page only
   */
  explorer?: { handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> };
  /** Limits of graphql-ws on `/graphql` (router/src/subscriptions/README.md). */
  subscriptions?: SubscriptionOptions;
}

/** What an `onServer` hook may reuse from the router. */
export interface RouterInternals {
  /** A subgraph data source built exactly as the gateway's (internal token, pooled fetch, timeout). */
  dataSource(name: string, url: string): GraphQLDataSource;
}

export const defaultLimits: OperationLimits = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2_000,
  maxCost: 5_000,
  maxPageSize: 100,
  maxDocumentBytes: 32_768,
};
