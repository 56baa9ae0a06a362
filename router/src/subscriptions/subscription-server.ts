import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { GraphQLDataSource, ServiceMap } from '@apollo/gateway';
import { GraphQLError, type ExecutionArgs, type ValidationRule } from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { attachWebSocketEndpoint, CART_TOKEN_HEADER, refuseUpgrade, type Logger } from '@shop/subgraph-kit';
import { identifyClient, type AccessTokenVerifier, type ClientIdentity } from '../client-identity';
import { formatRouterError } from '../format-error';
import { guestKeyOf } from '../guest-key';
import type { RouterContext } from '../router-context';
import type { InternalTokenMinter } from '../subgraph-data-source';
import { EventResolver } from './event-resolver';
import { federatedSubscription } from './federated-subscription';
import { ConnectionsPerIp } from './connections-per-ip';
import { SubscriptionErrorCode, subscriptionError } from './subscription-errors';
import { resolveSubscriptionOptions, type SubscriptionOptions } from './subscription-options';
import { SubscriptionPlanner, type DocumentLimits, type PlannedSubscription } from './subscription-planner';
import { UpstreamClients } from './upstream-clients';

export interface SubscriptionServerOptions {
  supergraphSdl: string;
  /** Same overrides as the gateway's, so HTTP and WebSocket reach the same subgraphs. */
  subgraphUrls?: Record<string, string>;
  accessTokens: AccessTokenVerifier;
  internalTokens: InternalTokenMinter;
  /** Builds the data source for a subgraph's `_entities` fetches: pass the gateway's own builder. */
  dataSource: (name: string, url: string) => GraphQLDataSource;
  /** The address counted by `maxConnectionsPerIp`. @default the TCP peer address */
  clientIp?: (req: IncomingMessage) => string;
  logger: Logger;
  /** In production an internal failure's message is not put in the close reason. */
  production: boolean;
  limits?: SubscriptionOptions;
  /** Validation rules beyond graphql-js's own: pass the HTTP endpoint's operation limits. */
  validationRules?: readonly ValidationRule[];
  /** Parser token and document byte limits, as over HTTP. */
  documentLimits?: DocumentLimits;
}

export interface SubscriptionServer {
  /** Closes every client socket with 1001 (upstreams are completed), then stops accepting. */
  close(): Promise<void>;
}

interface Connection {
  identity: ClientIdentity | null;
  /** The guest key of the `x-cart-token` connection parameter, if one was sent. */
  guestKey: string | undefined;
  upstreams: UpstreamClients;
}

interface OperationContextValue {
  connection: Connection;
  subscription: PlannedSubscription;
}

type Ctx = Context<Record<string, unknown>>;

/**
 * graphql-ws on the router's `/graphql`: authenticates `connection_init` like an HTTP request,
 * plans each subscription against the supergraph and serves it from the owning subgraph.
 */
export function attachSubscriptionServer(server: Server, options: SubscriptionServerOptions): SubscriptionServer {
  const { logger } = options;
  const limits = resolveSubscriptionOptions(options.limits);
  const planner = new SubscriptionPlanner(options.supergraphSdl, options.validationRules, options.documentLimits);
  const urls = new Map([...planner.subgraphUrls].map(([name, url]) => [name, options.subgraphUrls?.[name] ?? url]));
  const dataSources: ServiceMap = Object.fromEntries([...urls].map(([name, url]) => [name, options.dataSource(name, url)]));
  const resolver = new EventResolver(planner, dataSources, logger);
  const connections = new WeakMap<Ctx, Connection>();
  const formatError = formatRouterError(logger, options.production);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes });

  const graphqlWs = useServer<Record<string, unknown>>(
    {
      isProd: options.production,
      connectionInitWaitTimeout: limits.initTimeoutMs,
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        let identity: ClientIdentity | null = null;
        try {
          if (authorization !== undefined && authorization !== null) {
            if (typeof authorization !== 'string') throw new Error('authorization must be a string');
            identity = await identifyClient({ authorization }, options.accessTokens);
          }
        } catch (error) {
          const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
          // 1013 (try again later) when keys cannot be fetched: graphql-ws clients retry that one.
          if (code === SubscriptionErrorCode.SERVICE_UNAVAILABLE) {
            logger.error({ err: (error as { originalError?: unknown }).originalError }, 'cannot verify access tokens');
            ctx.extra.socket.close(1013, 'Try again later');
          } else ctx.extra.socket.close(4401, 'Unauthorized');
          return false;
        }
        const guestKey = guestKeyOf(ctx.connectionParams?.[CART_TOKEN_HEADER]);
        if (guestKey instanceof GraphQLError) {
          ctx.extra.socket.close(4400, guestKey.message);
          return false;
        }
        connections.set(ctx, { identity, guestKey, upstreams: new UpstreamClients(urls, options.internalTokens, identity, guestKey) });
        return true;
      },
      onSubscribe: (ctx, _id, payload): ExecutionArgs | ReturnType<typeof subscriptionError>[] => {
        const connection = connections.get(ctx);
        if (!connection) return [subscriptionError('UNAUTHENTICATED', 'Connection is not initialised')];
        // The reservation for this operation is already counted.
        if (Object.keys(ctx.subscriptions).length > limits.maxPerConnection) {
          return [subscriptionError(SubscriptionErrorCode.TOO_MANY_SUBSCRIPTIONS, `At most ${limits.maxPerConnection} subscriptions per connection`)];
        }
        const subscription = planner.plan(payload);
        if (Array.isArray(subscription)) return subscription;
        const contextValue: OperationContextValue = { connection, subscription };
        return { schema: planner.apiSchema, document: subscription.document, operationName: subscription.operationName, contextValue };
      },
      subscribe: (args) => {
        const { connection, subscription } = args.contextValue as OperationContextValue;
        const context: RouterContext = {
          identity: connection.identity,
          requestId: randomUUID(),
          ...(connection.guestKey ? { guestKey: connection.guestKey } : {}),
        };
        const upstream = connection.upstreams.get(subscription.plan.primary.serviceName);
        return federatedSubscription({ subscription, upstream, resolver, context, logger: logger.child({ requestId: context.requestId }) });
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) } : undefined,
      onClose: async (ctx) => {
        await connections.get(ctx)?.upstreams.dispose();
      },
    },
    wss,
  );

  const perIp = new ConnectionsPerIp(limits.maxConnectionsPerIp);
  const admit = (req: IncomingMessage, socket: Duplex) => {
    const release = perIp.acquire(options.clientIp?.(req) ?? req.socket.remoteAddress ?? 'unknown');
    if (!release) {
      refuseUpgrade(socket, 429, 'Too Many Requests');
      return false;
    }
    socket.once('close', release);
    return true;
  };
  return attachWebSocketEndpoint(server, wss, { graphqlWs, admit });
}
