import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import { GraphQLError, type ExecutionResult, type FormattedExecutionResult } from 'graphql';
import type { Logger } from '@shop/subgraph-kit';
import type { RouterContext } from '../router-context';
import { fromUpstream } from './subscription-errors';
import type { PlannedSubscription, SubscriptionPlanner } from './subscription-planner';

/** Not a subgraph: the fetch that "returns" the event the owning subgraph already pushed. */
const EVENT_SOURCE = '__subscription_event__';

type RequestContext = Parameters<typeof executeQueryPlan>[2];

/**
 * Completes one upstream event into the client's selection by running the plan's `rest` with the
 * gateway's own executor: the event is fed in as the result of the primary fetch, then the
 * `_entities` fetches for fields other subgraphs own run exactly as for a query (same data
 * sources, same internal tokens, @requires and nesting included), and the result is shaped to
 * the client's operation (aliases, fragments, key fields it did not ask for removed).
 */
export class EventResolver {
  constructor(
    private readonly planner: SubscriptionPlanner,
    private readonly dataSources: ServiceMap,
    private readonly logger: Logger,
  ) {}

  async resolve(subscription: PlannedSubscription, event: FormattedExecutionResult, context: RouterContext): Promise<ExecutionResult> {
    const { plan } = subscription;
    const serviceName = plan.primary.serviceName;
    const upstreamErrors = (event.errors ?? []).map((error) => fromUpstream(error, serviceName));
    // Nothing to complete (e.g. the subscribe resolver refused the viewer): pass the errors on.
    if (event.data === null || event.data === undefined) return { data: null, errors: upstreamErrors };

    const eventFetch: FetchNode = { ...plan.primary, serviceName: EVENT_SOURCE };
    const queryPlan: QueryPlan = {
      kind: 'QueryPlan',
      node: plan.rest ? { kind: 'Sequence', nodes: [eventFetch, plan.rest] } : eventFetch,
    };
    const eventSource: GraphQLDataSource = { process: async () => ({ data: structuredClone(event.data) }) };
    // executeQueryPlan reads only these members of Apollo's request context.
    const requestContext = {
      request: { query: '', variables: subscription.variables, operationName: subscription.operationName },
      context,
      logger: this.logger,
      metrics: {},
    } as unknown as RequestContext;

    const result = await executeQueryPlan(
      queryPlan,
      { ...this.dataSources, [EVENT_SOURCE]: eventSource },
      requestContext,
      subscription.operationContext,
      this.planner.supergraphSchema,
      this.planner.federationApiSchema,
    );
    const planErrors = (result.errors ?? []).map((error) =>
      error instanceof GraphQLError ? error : new GraphQLError(String((error as Error).message), { originalError: error as Error }),
    );
    const errors = [...upstreamErrors, ...planErrors];
    return { data: (result.data ?? null) as ExecutionResult['data'], ...(errors.length > 0 ? { errors } : {}) };
  }
}
