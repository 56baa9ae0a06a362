import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { handleGraphQLHttp, maskErrors, sendJsonError, type Logger } from '@shop/subgraph-kit';
import { identifyClient, type AccessTokenVerifier } from './client-identity';
import type { RouterContext } from './router-context';
import { SubgraphDataSource, type InternalTokenMinter } from './subgraph-data-source';

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
  /** Production hides introspection and the Sandbox landing page. */
  production: boolean;
}

export interface RunningRouter {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const requestIdPattern = /^[\w-]{8,64}$/;

/** The public endpoint: verifies the client, plans with @apollo/gateway, calls subgraphs. */
export async function startRouter(options: RouterOptions): Promise<RunningRouter> {
  const { logger } = options;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource(name, options.subgraphUrls?.[name] ?? url ?? '', options.internalTokens),
    logger,
  });
  const apollo = new ApolloServer<RouterContext>({
    gateway,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(logger),
    logger,
    plugins: [
      options.production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
    ],
  });
  await apollo.start();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') {
      res.setHeader('content-type', 'application/json');
      return res.end('{"status":"ok"}');
    }
    if (path !== '/graphql' && path !== '/') return sendJsonError(res, 404, 'NOT_FOUND', 'Not found');
    const incomingId = req.headers['x-request-id'];
    const requestId = typeof incomingId === 'string' && requestIdPattern.test(incomingId) ? incomingId : randomUUID();
    res.setHeader('x-request-id', requestId);
    const started = performance.now();
    res.once('finish', () =>
      logger.info({ requestId, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'graphql request'),
    );
    await handleGraphQLHttp(apollo, req, res, async () => ({
      identity: await identifyClient(req.headers, options.accessTokens),
      requestId,
    }));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.end();
    });
  });
  const host = options.host ?? '0.0.0.0';
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
    },
  };
}
