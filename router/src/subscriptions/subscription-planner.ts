import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type SubscriptionNode } from '@apollo/query-planner';
import { buildOperationContext } from '@apollo/gateway';
import { GraphQLError, getOperationAST, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { SubscriptionErrorCode, subscriptionError } from './subscription-errors';
import { variableErrors } from './variable-errors';
import { variableLimitErrors } from '../variable-limits';
import { documentTooLarge } from '../document-limits';

/** The HTTP endpoint's document limits, so a socket is no way around them. */
export interface DocumentLimits {
  /** Parser token limit. */
  maxTokens?: number;
  /** Longest document in UTF-8 bytes, comments and whitespace included. */
  maxDocumentBytes?: number;
}

/** A client's subscription, checked and planned: what to open upstream and how to finish each event. */
export interface PlannedSubscription {
  document: DocumentNode;
  operationName: string | undefined;
  /** As the client sent them (already checked); forwarded to subgraphs like the gateway does. */
  variables: Record<string, unknown>;
  /** `primary`: the owning subgraph's subscription; `rest`: fetches that complete each event. */
  plan: SubscriptionNode;
  operationContext: ReturnType<typeof buildOperationContext>;
}

/**
 * Plans subscriptions with the same federation query planner the gateway uses for queries: it
 * reads the supergraph's join directives, so it knows which subgraph owns the root field, which
 * key fields to ask that subgraph for, and which `_entities` fetches (nested, @requires included)
 * complete the rest of the selection. No field-to-subgraph map is kept by hand.
 */
export class SubscriptionPlanner {
  /** The client-facing schema every operation is validated against (as over HTTP). */
  readonly apiSchema: GraphQLSchema;
  readonly supergraphSchema: GraphQLSchema;
  readonly federationApiSchema: Schema;
  /** Subgraph name -> URL as the supergraph file names it. */
  readonly subgraphUrls: ReadonlyMap<string, string>;
  readonly #planner: QueryPlanner;
  readonly #rules: readonly ValidationRule[];
  readonly #limitRules: readonly ValidationRule[];

  /**
   * @param extraRules the HTTP endpoint's operation limits (depth, aliases, cost), so a socket is
   *   no way around them
   * @param documentLimits the token and byte limits, as over HTTP
   */
  constructor(
    supergraphSdl: string,
    extraRules: readonly ValidationRule[] = [],
    private readonly documentLimits: DocumentLimits = {},
  ) {
    this.#rules = [...specifiedRules, ...extraRules];
    this.#limitRules = extraRules;
    const supergraph = Supergraph.build(supergraphSdl);
    this.federationApiSchema = supergraph.apiSchema();
    this.apiSchema = this.federationApiSchema.toGraphQLJSSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.subgraphUrls = new Map(supergraph.subgraphsMetadata().map(({ name, url }) => [name, url]));
    this.#planner = new QueryPlanner(supergraph);
  }

  /** The plan, or the errors to answer the `subscribe` message with (nothing is opened upstream). */
  plan(payload: SubscribePayload): PlannedSubscription | GraphQLError[] {
    const { maxTokens, maxDocumentBytes } = this.documentLimits;
    const tooLarge = maxDocumentBytes === undefined ? undefined : documentTooLarge(payload.query, maxDocumentBytes);
    if (tooLarge) return [subscriptionError(SubscriptionErrorCode.BAD_USER_INPUT, tooLarge.message, { limit: 'maxDocumentBytes' })];
    let document: DocumentNode;
    try {
      document = parse(payload.query, maxTokens === undefined ? {} : { maxTokens });
    } catch (error) {
      return [subscriptionError(SubscriptionErrorCode.GRAPHQL_PARSE_FAILED, (error as Error).message)];
    }
    const invalid = validate(this.apiSchema, document, this.#rules);
    if (invalid.length > 0) {
      return invalid.map((e) => subscriptionError(SubscriptionErrorCode.GRAPHQL_VALIDATION_FAILED, e.message, { ...e.extensions }));
    }
    const operationName = payload.operationName ?? undefined;
    const operation = getOperationAST(document, operationName);
    if (!operation) return [subscriptionError(SubscriptionErrorCode.BAD_REQUEST, 'Unable to identify the operation')];
    if (operation.operation !== 'subscription') {
      return [subscriptionError(SubscriptionErrorCode.BAD_REQUEST, 'Only subscriptions are served over WebSocket; send queries and mutations over HTTP')];
    }
    const variables = payload.variables ?? {};
    const invalidVariables = variableErrors(this.apiSchema, operation.variableDefinitions ?? [], variables);
    if (invalidVariables.length > 0) return invalidVariables.map((m) => subscriptionError(SubscriptionErrorCode.BAD_USER_INPUT, m));
    const overLimit = variableLimitErrors(this.apiSchema, document, operation, variables, this.#limitRules);
    if (overLimit.length > 0) {
      return overLimit.map((e) => subscriptionError(SubscriptionErrorCode.GRAPHQL_VALIDATION_FAILED, e.message, { ...e.extensions }));
    }

    try {
      const queryPlan = this.#planner.buildQueryPlan(operationFromDocument(this.federationApiSchema, document, { operationName }));
      if (queryPlan.node?.kind !== 'Subscription') throw new Error(`expected a Subscription plan, got ${queryPlan.node?.kind}`);
      return {
        document,
        operationName,
        variables,
        plan: queryPlan.node,
        operationContext: buildOperationContext({ schema: this.apiSchema, operationDocument: document, operationName }),
      };
    } catch (error) {
      if (error instanceof GraphQLError) return [subscriptionError(SubscriptionErrorCode.BAD_REQUEST, error.message)];
      throw error;
    }
  }
}
