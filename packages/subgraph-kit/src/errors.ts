import { GraphQLError } from 'graphql';

/**
 * Stable `extensions.code` values clients can switch on. Any other error leaving a subgraph is
 * masked as INTERNAL_SERVER_ERROR, so a driver message (SQL, stack) never reaches a client.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  CONFLICT: 'CONFLICT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes Apollo Server itself emits for malformed requests; they are safe to show. */
const apolloCodes = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
];
export const publicErrorCodes: ReadonlySet<string> = new Set([...Object.values(ErrorCode), ...apolloCodes]);

export function codedError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const unauthenticated = (message = 'You must be signed in') => codedError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You are not allowed to do this') => codedError(ErrorCode.FORBIDDEN, message);
export const badUserInput = (message: string, extensions: Record<string, unknown> = {}) => codedError(ErrorCode.BAD_USER_INPUT, message, extensions);
export const notFound = (message: string) => codedError(ErrorCode.NOT_FOUND, message);

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else is the caller's mistake (BAD_USER_INPUT), never a database error. */
export function requireUuid(value: string, argument = 'id'): string {
  if (!uuidPattern.test(value)) throw badUserInput(`${argument} must be a UUID`, { argument });
  return value.toLowerCase();
}

export const isUuid = (value: string): boolean => uuidPattern.test(value);
