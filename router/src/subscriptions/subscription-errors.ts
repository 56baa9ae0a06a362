import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Codes of the WebSocket endpoint, beside the platform's (UNAUTHENTICATED, BAD_USER_INPUT, ...). */
export const SubscriptionErrorCode = {
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_REQUEST',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;

export const subscriptionError = (code: string, message: string, extra: Record<string, unknown> = {}): GraphQLError =>
  new GraphQLError(message, { extensions: { ...extra, code } });

/** graphql-ws close event or socket error, as opposed to an `error` message with GraphQL errors. */
const isCloseLike = (value: unknown): value is { code: number; reason: string } =>
  typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;

/**
 * What an upstream subscription failed with, as GraphQL errors for the client: the subgraph's own
 * errors keep their code and path (masking happens when they are sent); a dropped or refused
 * socket becomes SERVICE_UNAVAILABLE, its details only in the log.
 */
export function upstreamFailure(failure: unknown, serviceName: string): { errors: GraphQLError[]; detail?: string } {
  if (Array.isArray(failure) && failure.every((e) => typeof (e as GraphQLFormattedError)?.message === 'string')) {
    return { errors: (failure as GraphQLFormattedError[]).map((e) => fromUpstream(e, serviceName)) };
  }
  const detail = isCloseLike(failure)
    ? `socket closed ${failure.code} ${failure.reason}`
    : failure instanceof Error
      ? failure.message
      : String((failure as { message?: unknown })?.message ?? failure);
  return {
    errors: [subscriptionError(SubscriptionErrorCode.SERVICE_UNAVAILABLE, 'The subscription source is unavailable', { serviceName })],
    detail,
  };
}

export const fromUpstream = (error: GraphQLFormattedError, serviceName: string): GraphQLError =>
  new GraphQLError(error.message, { ...(error.path ? { path: error.path } : {}), extensions: { ...error.extensions, serviceName } });
