import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { INTERNAL_TOKEN_HEADER } from '@shop/subgraph-kit';
import type { AccessTokenVerifier } from './client-identity';
import type { RouterContext } from './router-context';
import { adoptSignedInIdentity } from './signed-in-identity';
import { isTimeout } from './subgraph-fetcher';

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** What the router needs from `@shop/auth`'s internal-token minter. */
export interface InternalTokenMinter {
  mint(claims: { audience: string; userId: string | null; roles: string[]; clientIp?: string; guestKey?: string }): Promise<string>;
}

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  minter: InternalTokenMinter;
  /** Verifies the token of a user who signed in during an operation (adoptSignedInIdentity). */
  accessTokens: AccessTokenVerifier;
  fetcher: Fetcher;
  /** Only for the GATEWAY_TIMEOUT message; the fetcher enforces it. */
  timeoutMs: number;
  /** Share one subgraph fetch between identical concurrent queries of the same identity. */
  shareInFlightQueries: boolean;
  /** Name the subgraph in timeout messages; off in production, where clients learn no topology. */
  nameInErrors: boolean;
}

/**
 * Codes of a subgraph's HTTP 400 answer that describe the client's own input (a guard's refusal,
 * a custom scalar such as DateTime refusing a variable or literal); they reach the client as they are.
 */
const clientInputCodes: ReadonlySet<string> = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);

interface SubgraphError {
  message?: unknown;
  extensions?: { code?: unknown; argumentPath?: unknown };
}

/** The first error of a 400 body that blames the client's input, or undefined. */
function clientInputError(body: unknown): SubgraphError | undefined {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return undefined;
  return (errors as SubgraphError[]).find((error) => typeof error?.message === 'string' && clientInputCodes.has(String(error.extensions?.code)));
}

const isQueryOperation = (text: string): boolean => /^\s*(\{|query\b)/.test(text);

/**
 * The identity, operation and variables of a subgraph query, or undefined for anything that must
 * not be shared (mutations, schema loading, health checks). The identity is part of the key, so
 * callers never see each other's data.
 */
function sharedQueryKey(options: GraphQLDataSourceProcessOptions<RouterContext>): string | undefined {
  // Only operations of clients carry `incomingRequestContext` (not schema loading or health checks).
  if (!('incomingRequestContext' in options)) return undefined;
  const { query, variables, operationName } = options.request;
  // The planner prints each subgraph operation on its own ("{...}", "query(...){...}",
  // "mutation{...}"), so its first token is the operation type.
  if (query === undefined || !isQueryOperation(query)) return undefined;
  const identity = 'identity' in options.context ? options.context.identity : null;
  const guestKey = 'guestKey' in options.context ? options.context.guestKey : undefined;
  return JSON.stringify([identity?.userId ?? null, [...(identity?.roles ?? [])].sort(), guestKey ?? null, operationName ?? null, query, variables ?? null]);
}

/** A caller's own copy of a shared answer: the gateway writes into the results it merges. */
function copyOf(response: GatewayGraphQLResponse): GatewayGraphQLResponse {
  const { http, ...body } = response;
  return { ...structuredClone(body), ...(http ? { http } : {}) };
}

/**
 * Each subgraph request carries only what the router vouches for: a fresh internal token whose
 * audience is that subgraph. The headers start empty (RemoteGraphQLDataSource builds them from
 * the plan, not from the client request), so nothing the client sent is forwarded.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  readonly #options: SubgraphDataSourceOptions;
  readonly #inFlight = new Map<string, { answer: Promise<GatewayGraphQLResponse>; sharers: number }>();

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: options.fetcher });
    this.#options = options;
  }

  /**
   * With `shareInFlightQueries`, an identical query (same identity, operation and variables)
   * already on its way to this subgraph is awaited instead of sent again; each caller gets its own
   * copy of the answer (a lone caller keeps the original), or the same error. Nothing is cached
   * once the answer arrives.
   */
  override async process(options: GraphQLDataSourceProcessOptions<RouterContext>): Promise<GatewayGraphQLResponse> {
    const key = this.#options.shareInFlightQueries ? sharedQueryKey(options) : undefined;
    if (key === undefined) return super.process(options);
    let shared = this.#inFlight.get(key);
    if (shared) shared.sharers += 1;
    else {
      const fetching = { answer: super.process(options), sharers: 1 };
      // Runs before any caller resumes, so `sharers` is final by the time they read it.
      const forget = () => {
        if (this.#inFlight.get(key) === fetching) this.#inFlight.delete(key);
      };
      fetching.answer.then(forget, forget);
      this.#inFlight.set(key, fetching);
      shared = fetching;
    }
    const answer = await shared.answer;
    return shared.sharers === 1 ? answer : copyOf(answer);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): Promise<void> {
    const identity = 'identity' in context ? context.identity : null;
    const requestId = 'requestId' in context ? context.requestId : undefined;
    const clientIp = 'clientIp' in context ? context.clientIp : undefined;
    const guestKey = 'guestKey' in context ? context.guestKey : undefined;
    // No request id in the token: that would defeat the minter's cache; the id travels as a header.
    // The client IP is signed in (subgraphs throttle on it), so it cannot be set around the router.
    const token = await this.#options.minter.mint({
      audience: this.#options.name,
      userId: identity?.userId ?? null,
      roles: identity?.roles ?? [],
      ...(clientIp ? { clientIp } : {}),
      ...(guestKey ? { guestKey } : {}),
    });
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, token);
    if (requestId) request.http?.headers.set('x-request-id', requestId);
  }

  override async didReceiveResponse({
    response,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<RouterContext>['didReceiveResponse']>>[0]): Promise<GatewayGraphQLResponse> {
    await adoptSignedInIdentity(response.extensions, context, this.#options.accessTokens);
    return response;
  }

  /**
   * A subgraph's HTTP 400 that blames the client's input keeps its message and code (and
   * `argumentPath`); any other failed answer is the gateway's usual error, masked by formatError.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    if (response.status === 400) {
      // The router's fetcher answers text() from the body it already read, so the gateway's own
      // errorFromResponse below can read it again.
      const blamed = clientInputError(
        await response
          .text()
          .then(
            (text) => JSON.parse(text) as unknown,
            () => null,
          )
          .catch(() => null),
      );
      if (blamed) {
        const { code, argumentPath } = blamed.extensions ?? {};
        return new GraphQLError(String(blamed.message), { extensions: { code, ...(typeof argumentPath === 'string' ? { argumentPath } : {}) } });
      }
    }
    return super.errorFromResponse(response);
  }

  /** A slow subgraph fails its own fields with a stable code instead of holding the response. */
  override didEncounterError(error: Error): void {
    if (isTimeout(error)) {
      const subgraph = this.#options.nameInErrors ? `Subgraph "${this.#options.name}"` : 'A subgraph';
      throw new GraphQLError(`${subgraph} did not answer within ${this.#options.timeoutMs} ms`, {
        extensions: { code: 'GATEWAY_TIMEOUT', serviceName: this.#options.name },
        originalError: error,
      });
    }
    throw error;
  }
}
