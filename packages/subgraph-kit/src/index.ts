export { ADMIN_ROLE, hasRole, isAdmin, isOwnerOrAdmin, requireOwnerOrAdmin, requireRole, requireViewer, type SubgraphContext, type Viewer } from './context';
export { badUserInput, codedError, ErrorCode, forbidden, isUuid, notFound, publicErrorCodes, requireUuid, unauthenticated } from './errors';
export { handleGraphQLHttp, sendJsonError, type GraphQLHttpOptions } from './graphql-http';
export { readBody, BodyTooLargeError } from './http-body';
export { INTERNAL_TOKEN_HEADER, identify, type InternalIdentity, type InternalTokenVerifier } from './internal-auth';
export {
  CART_TOKEN_HEADER,
  cartTokenKey,
  customerIdOf,
  guestCustomerId,
  isCartToken,
  isGuestCustomerId,
  newCartToken,
  ownsOrAdmin,
  ownsOrGuestOrAdmin,
} from './cart-token';
export { createLogger, type Logger } from './logger';
export { maskErrors } from './mask-errors';
export { inputFlaw, inputGuardError, inputGuardPlugin, type InputFlaw } from './input-guard';
export { startSubgraph, type RouteHandler, type RunningSubgraph, type SubgraphOptions } from './start-subgraph';
export { stopOnSignals } from './shutdown';
export { attachWebSocketEndpoint, refuseUpgrade, type WebSocketEndpoint, type WebSocketEndpointOptions } from './subscriptions/websocket-endpoint';
export { perRequest } from './per-request';
export { countByKey, rowByKey, rowsByKey } from './keyed-loaders';
export { DateTimeResolver as DateTimeScalar } from 'graphql-scalars';
export { subgraphSources, type SubgraphModule, type SubgraphParts, type SubgraphPlatform } from './subgraph-module';
export { loadEnvOrExit, loadPlatformEnv, platformEnvSchema, platformEnvShape, type PlatformEnv } from './env';
export { migrateSubgraph, runSubgraph } from './run-subgraph';
export { currentRequestScope, runInRequestScope, trackRequestScopes, type RequestScope } from './request-scope';
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  pageSize,
  countryCursor,
  sequenceCursor,
  toConnection,
  type Connection,
  type CountryKey,
  type CountryPages,
} from './connection';
export { isoCountry } from './country-codes';
export { selectsField } from './selects-field';
export { mergeResolvers } from './merge-resolvers';
export type { PayloadFailure } from './payload-failure';
export { adminWrites, type AdminChange, type AdminWritePayload, type AdminWrites, type AdminWriteStore, type AdminWritesOptions } from './admin-writes';
export { announceSignIn, SIGNED_IN_EXTENSION } from './signed-in';
export { optionalText, postalAddressInput, requiredText, type PostalAddress } from './address-input';
