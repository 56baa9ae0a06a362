import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import type { SubgraphContext } from './context';
import { handleGraphQLHttp, sendJsonError } from './graphql-http';
import { identify, type InternalTokenVerifier } from './internal-auth';
import { inputGuardPlugin } from './input-guard';
import { maskErrors } from './mask-errors';
import { runInRequestScope } from './request-scope';
import { signedInPlugin } from './signed-in';
import { serveSubscriptions } from './subscriptions/serve-subscriptions';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface SubgraphOptions {
  /** Subgraph name; also the audience its internal tokens must carry. */
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext>;
  /** 0 picks a free port (tests). */
  port: number;
  /** @default '127.0.0.1' — subgraphs belong on the internal network only. */
  host?: string;
  internalTokens: InternalTokenVerifier;
  logger: Logger;
  /** Named dependency checks run by `/ready`; a throw makes it 503. */
  readiness?: Record<string, () => Promise<void>>;
  /** Extra public GET routes (e.g. the users subgraph's JWKS); no token needed. */
  routes?: Record<string, RouteHandler>;
  /** @default 1_000_000 */
  bodyLimit?: number;
  /** Called for every authenticated `/graphql` request (tests count the router's fan-out with it). */
  onGraphQLRequest?: () => void;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

async function readiness(checks: Record<string, () => Promise<void>>) {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await check();
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, error instanceof Error ? error.message : 'failed'] as const;
      }
    }),
  );
  return { ready: results.every(([, r]) => r === 'ok'), checks: Object.fromEntries(results) };
}

/**
 * Builds and starts one federation subgraph: `/graphql` behind the internal-token check,
 * `/health`, `/ready`, the input guard, masked errors, request-scoped logs; `stop()` drains in-flight requests.
 */
export async function startSubgraph(options: SubgraphOptions): Promise<RunningSubgraph> {
  const { logger } = options;
  // Resolver maps are typed per subgraph by codegen; Apollo's own map type is context-agnostic.
  const schema = buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> });
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    // No cache hints are used, and neither plugin may hook every field: a `willResolveField` hook
    // makes Apollo wrap every resolver of the schema, a cost paid on each field of each request.
    // The input guard answers a string no store can keep (NUL, lone surrogate) with BAD_USER_INPUT.
    // signedInPlugin hands the router the token of a user who signed in during the request.
    plugins: [
      inputGuardPlugin(),
      signedInPlugin(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
    ],
    formatError: maskErrors(logger),
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (stopOnSignals drains HTTP first); Apollo would re-raise the signal and skip it.
    stopOnTerminationSignals: false,
    logger,
  });
  await apollo.start();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/health') return sendJson(res, 200, { status: 'ok' });
    if (path === '/ready') {
      const result = await readiness(options.readiness ?? {});
      return sendJson(res, result.ready ? 200 : 503, result);
    }
    const route = req.method === 'GET' ? options.routes?.[path] : undefined;
    if (route) return route(req, res);
    if (path !== '/graphql') return sendJson(res, 404, { error: 'not found' });

    const identity = await identify(req.headers, options.internalTokens);
    if (!identity) return sendJsonError(res, 401, 'UNAUTHENTICATED', 'A valid internal token is required');
    options.onGraphQLRequest?.();
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && /^[\w-]{8,64}$/.test(header) ? header : randomUUID();
    const context: SubgraphContext = {
      viewer: identity.userId ? { userId: identity.userId, roles: identity.roles } : null,
      requestId,
      logger: logger.child({ requestId }),
      ...(identity.clientIp ? { clientIp: identity.clientIp } : {}),
      ...(identity.guestKey ? { guestKey: identity.guestKey } : {}),
    };
    const started = performance.now();
    res.once('finish', () => context.logger.debug({ status: res.statusCode, ms: Math.round(performance.now() - started) }, 'graphql request'));
    await runInRequestScope({ subgraph: options.name, requestId }, () =>
      handleGraphQLHttp(apollo, req, res, async () => context, { bodyLimit: options.bodyLimit ?? 1_000_000 }),
    );
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  // Same schema, same internal-token rule: Subscription fields over graphql-ws on /graphql.
  const subscriptions = schema.getSubscriptionType()
    ? serveSubscriptions(server, { schema, internalTokens: options.internalTokens, logger, maxPayload: options.bodyLimit ?? 1_000_000 })
    : null;
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  logger.info({ url }, `subgraph ${options.name} listening`);

  return {
    name: options.name,
    url,
    port,
    stop: async () => {
      await subscriptions?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
    },
  };
}
