import type { ExecutionResult, FormattedExecutionResult } from 'graphql';
import type { Client } from 'graphql-ws';
import type { Logger } from '@shop/subgraph-kit';
import type { RouterContext } from '../router-context';
import type { EventResolver } from './event-resolver';
import { PushIterator } from './push-iterator';
import { SubscriptionErrorCode, subscriptionError, upstreamFailure } from './subscription-errors';
import type { PlannedSubscription } from './subscription-planner';

export interface FederatedSubscriptionDeps {
  subscription: PlannedSubscription;
  upstream: Client;
  resolver: EventResolver;
  context: RouterContext;
  logger: Logger;
  /** Events waiting for a slow client; past this the subscription ends with an error. @default 100 */
  maxBuffered?: number;
}

function pick(variables: Record<string, unknown>, names: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => name in variables).map((name) => [name, variables[name]]));
}

/**
 * Subscribes to the primary fetch on the owning subgraph and turns each of its events into a
 * complete result for the client. Events are completed one at a time, so they reach the client in
 * the order the subgraph sent them. Every failure becomes GraphQL errors in a `next` payload; none
 * escapes to the socket. `return()` (client `complete` or disconnect) unsubscribes upstream.
 */
export function federatedSubscription(deps: FederatedSubscriptionDeps): AsyncIterableIterator<ExecutionResult> {
  const { subscription, context, logger } = deps;
  const { primary } = subscription.plan;
  const maxBuffered = deps.maxBuffered ?? 100;
  let unsubscribe: () => void = () => undefined;
  const results = new PushIterator<ExecutionResult>(() => unsubscribe());
  let chain = Promise.resolve();
  const enqueue = (step: () => Promise<void> | void) => {
    chain = chain.then(step).catch((error: unknown) => {
      logger.error({ err: error, requestId: context.requestId }, 'subscription event failed');
      results.push({ data: null, errors: [subscriptionError('INTERNAL_SERVER_ERROR', 'Internal server error')] });
    });
  };

  // Events received but not yet read by the client: still being completed, or buffered.
  let inFlight = 0;
  const onEvent = (event: FormattedExecutionResult) => {
    if (results.ended) return;
    if (inFlight + results.buffered >= maxBuffered) {
      results.push({ data: null, errors: [subscriptionError(SubscriptionErrorCode.SERVICE_UNAVAILABLE, 'Client is reading events too slowly')] });
      results.end();
      unsubscribe();
      return;
    }
    inFlight++;
    enqueue(async () => {
      try {
        results.push(await deps.resolver.resolve(subscription, event, context));
      } finally {
        inFlight--;
      }
    });
  };

  unsubscribe = deps.upstream.subscribe<Record<string, unknown>, Record<string, unknown>>(
    {
      query: primary.operation,
      ...(primary.operationName ? { operationName: primary.operationName } : {}),
      variables: pick(subscription.variables, primary.variableUsages),
      extensions: { requestId: context.requestId },
    },
    {
      next: onEvent,
      error: (failure) =>
        enqueue(() => {
          const { errors, detail } = upstreamFailure(failure, primary.serviceName);
          if (detail) logger.warn({ requestId: context.requestId, subgraph: primary.serviceName, detail }, 'upstream subscription failed');
          results.push({ data: null, errors });
          results.end();
        }),
      complete: () => enqueue(() => results.end()),
    },
  );
  return results;
}
