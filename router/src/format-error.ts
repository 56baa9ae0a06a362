import type { GraphQLFormattedError } from 'graphql';
import { maskErrors, type Logger } from '@shop/subgraph-kit';

/** Codes only the router produces; like the subgraphs' public codes they are safe to show. */
export const routerErrorCodes: ReadonlySet<string> = new Set(['GATEWAY_TIMEOUT', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE']);

/**
 * Extensions that may carry internals: a subgraph's raw HTTP response (URL, body), stack traces,
 * the original exception.
 */
const internalExtensions = ['response', 'stacktrace', 'exception'];

/** Extensions that map the deployment (which subgraph answered): useful while developing only. */
const topologyExtensions = ['serviceName'];

/**
 * graphql-js appends schema suggestions to more than validation errors (variable coercion: enum
 * values, input fields), and Apollo's `hideSchemaDetailsFromClientErrors` only strips them from
 * validation errors; subgraphs add them to their own messages too.
 */
const suggestion = / ?Did you mean [^?]*\?/g;

/** Apollo request errors raised without a code (Apollo then labels them INTERNAL_SERVER_ERROR); safe to show. */
const codelessApolloErrors: ReadonlyMap<string, string> = new Map([['provided sha does not match query', 'BAD_REQUEST']]);

/**
 * Router `formatError`: the subgraph kit's masking (unknown codes become a fixed
 * INTERNAL_SERVER_ERROR, details only in the log) plus the router's own codes, and never a
 * subgraph's internal URL or response body. In production also no "Did you mean" suggestion
 * (from any source) and no subgraph name.
 */
export function formatRouterError(logger: Logger, production = false) {
  const mask = maskErrors(logger);
  const hidden = production ? [...internalExtensions, ...topologyExtensions] : internalExtensions;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const apolloCode = formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' ? codelessApolloErrors.get(formatted.message) : undefined;
    if (apolloCode) return { message: formatted.message, extensions: { code: apolloCode } };
    const code = formatted.extensions?.code;
    let result = typeof code === 'string' && routerErrorCodes.has(code) ? formatted : mask(formatted, error);
    if (production) result = { ...result, message: result.message.replace(suggestion, '') };
    if (!result.extensions) return result;
    const extensions = Object.fromEntries(Object.entries(result.extensions).filter(([key]) => !hidden.includes(key)));
    return { ...result, extensions };
  };
}
