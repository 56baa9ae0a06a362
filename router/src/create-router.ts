import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { MemoryCache } from '@shop/cache';
import { CART_TOKEN_HEADER, handleGraphQLHttp, sendJsonError } from '@shop/subgraph-kit';
import { identifyClient, type ClientIdentity } from './client-identity';
import { applyCors, effectiveCors } from './cors';
import { createApollo } from './create-apollo';
import { createDrainer } from './drain';
import { guestKeyOf } from './guest-key';
import { clientIpOf, clientKey, createRateLimiter } from './rate-limit';
import { checkReadiness, readinessFor, showsReadinessDetail } from './readiness';
import type { RouterContext } from './router-context';
import { defaultLimits, type RouterOptions } from './router-options';
import { createSubgraphFetcher } from './subgraph-fetcher';
import { attachSubscriptionServer } from './subscriptions/subscription-server';
import { operationLimitRules } from './operation-limits';

export type { RouterOptions } from './router-options';

export interface RunningRouter {
  url: string;
  port: number;
  /** The HTTP server, e.g. for a WebSocket server sharing the port. */
  server: Server;
  /** Stops accepting, drains in-flight requests (bounded), then releases the router's resources. Idempotent. */
  stop(): Promise<void>;
}

const requestIdPattern = /^[\w-]{8,64}$/;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/**
 * The verified caller, or the identity failure to answer with (401, or 503 when keys cannot be
 * fetched) before GraphQL runs.
 */
async function identify(req: IncomingMessage, options: RouterOptions): Promise<ClientIdentity | null | GraphQLError> {
  try {
    return await identifyClient(req.headers, options.accessTokens);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    if (error.extensions.code === 'SERVICE_UNAVAILABLE') options.logger.error({ err: error.originalError }, 'cannot verify access tokens');
    return error;
  }
}

function sendRateLimited(res: ServerResponse, retryAfterSeconds: number): void {
  res.setHeader('retry-after', String(retryAfterSeconds));
  sendJsonError(res, 429, 'RATE_LIMITED', `Too many requests; retry in ${retryAfterSeconds} s`);
}

/** The public endpoint: verifies the client, plans with @apollo/gateway, calls subgraphs. */
export async function startRouter(options: RouterOptions): Promise<RunningRouter> {
  const { logger } = options;
  const limits = { ...defaultLimits, ...options.limits };
  const ownCache = options.cache ? undefined : new MemoryCache({ keyPrefix: 'router' });
  const cache = options.cache ?? ownCache!;
  const fetcher = createSubgraphFetcher({ timeoutMs: options.subgraphTimeoutMs ?? 10_000, connections: options.subgraphConnections ?? 64 });
  const { apollo, subgraphUrls, dataSource } = createApollo(options, limits, cache, fetcher);
  const rateLimiter = createRateLimiter(cache, options.rateLimit ?? { max: 600 });
  await apollo.start();
  const cors = effectiveCors(options.cors, options.production);
  const explorer = options.production ? undefined : options.explorer;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (applyCors(req, res, cors)) return;
    if (explorer && (await explorer.handle(req, res))) return;
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') return sendJson(res, 200, { status: 'ok' });
    if (path === '/ready') {
      const report = await checkReadiness(true, subgraphUrls, options.readyTimeoutMs ?? 1_000);
      const detail = showsReadinessDetail(req.headers, options.production, options.readyDetailToken);
      return sendJson(res, report.ready ? 200 : 503, readinessFor(report, detail));
    }
    if (path !== '/graphql' && path !== '/') return sendJsonError(res, 404, 'NOT_FOUND', 'Not found');
    const incomingId = req.headers['x-request-id'];
    const requestId = typeof incomingId === 'string' && requestIdPattern.test(incomingId) ? incomingId : randomUUID();
    res.setHeader('x-request-id', requestId);
    const started = performance.now();
    res.once('finish', () =>
      logger.info({ requestId, method: req.method, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'graphql request'),
    );
    const identity = await identify(req, options);
    // A refused token is counted too, against the address (there is no verified user), so guessing
    // tokens costs the same budget as any other request from there.
    const decision = await rateLimiter.check(req, identity instanceof GraphQLError ? null : identity);
    if (!decision.allowed) return sendRateLimited(res, decision.retryAfterSeconds);
    if (identity instanceof GraphQLError) {
      const status = (identity.extensions.http as { status?: number } | undefined)?.status ?? 401;
      return sendJsonError(res, status, String(identity.extensions.code), identity.message);
    }
    const guestKey = guestKeyOf(req.headers[CART_TOKEN_HEADER]);
    if (guestKey instanceof GraphQLError) return sendJsonError(res, 400, 'BAD_USER_INPUT', guestKey.message);
    const clientIp = clientIpOf(req, options.rateLimit?.trustProxy ?? false);
    const context: RouterContext = { identity, requestId, clientIp, ...(guestKey ? { guestKey } : {}) };
    await handleGraphQLHttp(apollo, req, res, async () => context, { bodyLimit: options.bodyLimitBytes ?? 1_000_000 });
  };

  const server = createServer((req, res) => {
    drainer.track(res);
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.end();
    });
  });
  const drainer = createDrainer(server);
  const detach = options.onServer?.(server, { dataSource });
  // graphql-ws on the same port: the gateway's data sources, operation limits and client-IP rule.
  const subscriptions = attachSubscriptionServer(server, {
    ...options,
    limits: options.subscriptions,
    validationRules: operationLimitRules(limits),
    documentLimits: { maxTokens: limits.maxTokens, maxDocumentBytes: limits.maxDocumentBytes },
    dataSource,
    clientIp: (req) => clientKey(req, null, options.rateLimit?.trustProxy ?? false),
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '0.0.0.0', resolve));
  const port = (server.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    if (detach) await detach();
    await subscriptions.close();
    await drainer.drain(options.drainTimeoutMs ?? 10_000);
    await apollo.stop();
    await fetcher.close();
    await ownCache?.close();
  };
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    server,
    stop: () => (stopping ??= stop()),
  };
}
