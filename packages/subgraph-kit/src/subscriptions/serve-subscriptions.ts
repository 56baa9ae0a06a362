import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import type { SubgraphContext } from '../context';
import type { InternalIdentity, InternalTokenVerifier } from '../internal-auth';
import { maskErrors } from '../mask-errors';
import { attachWebSocketEndpoint } from './websocket-endpoint';

export interface SubgraphSubscriptionOptions {
  schema: GraphQLSchema;
  internalTokens: InternalTokenVerifier;
  logger: Logger;
  /** Largest accepted message in bytes. @default 1_000_000 */
  maxPayload?: number;
  /** How long a socket may stay open without `connection_init`. @default 3_000 */
  initTimeoutMs?: number;
}

export interface SubgraphSubscriptions {
  /** Closes every socket with 1001 (their subscriptions' iterators are returned), then stops. */
  close(): Promise<void>;
}

const requestIdPattern = /^[\w-]{8,64}$/;

type Ctx = Context<Record<string, unknown>>;

/**
 * Serves the subgraph's `Subscription` fields over graphql-ws on `/graphql`. Like HTTP, only the
 * router may connect: it sends its internal token as `connection_init` payload `{ internalToken }`;
 * a socket without a valid one is closed with 4403 before any operation runs. Resolvers get the
 * same `SubgraphContext` as over HTTP, with the viewer taken from that token.
 */
export function serveSubscriptions(server: Server, options: SubgraphSubscriptionOptions): SubgraphSubscriptions {
  const { logger } = options;
  const identities = new WeakMap<Ctx, InternalIdentity>();
  const mask = maskErrors(logger);
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 1_000_000 });

  const graphqlWs = useServer<Record<string, unknown>>(
    {
      schema: options.schema,
      connectionInitWaitTimeout: options.initTimeoutMs ?? 3_000,
      onConnect: async (ctx) => {
        const token = ctx.connectionParams?.internalToken;
        if (typeof token !== 'string' || token === '') return false;
        try {
          identities.set(ctx, await options.internalTokens.verify(token));
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx, _id, payload): SubgraphContext => {
        const identity = identities.get(ctx);
        const sent = payload.extensions?.requestId;
        const requestId = typeof sent === 'string' && requestIdPattern.test(sent) ? sent : randomUUID();
        return {
          viewer: identity?.userId ? { userId: identity.userId, roles: identity.roles } : null,
          requestId,
          logger: logger.child({ requestId }),
          ...(identity?.guestKey ? { guestKey: identity.guestKey } : {}),
        };
      },
      // The same masking as HTTP: only errors with a public code reach the router as they are.
      // (`error` messages carry parse/validation errors of the request itself; they pass.)
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => mask(error.toJSON(), error)) } : undefined,
    },
    wss,
  );

  return attachWebSocketEndpoint(server, wss, { graphqlWs });
}
