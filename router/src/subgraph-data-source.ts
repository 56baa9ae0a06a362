import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { INTERNAL_TOKEN_HEADER } from '@shop/subgraph-kit';
import type { RouterContext } from './router-context';
import { isTimeout } from './subgraph-fetcher';

/** What the router needs from `@shop/auth`'s internal-token minter. */
export interface InternalTokenMinter {
  mint(claims: { audience: string; userId: string | null; roles: string[] }): Promise<string>;
}

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  minter: InternalTokenMinter;
  fetcher: Fetcher;
  /** Only for the GATEWAY_TIMEOUT message; the fetcher enforces it. */
  timeoutMs: number;
}

/**
 * Each subgraph request carries only what the router vouches for: a fresh internal token whose
 * audience is that subgraph. The headers start empty (RemoteGraphQLDataSource builds them from
 * the plan, not from the client request), so nothing the client sent is forwarded.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  readonly #options: SubgraphDataSourceOptions;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: options.fetcher });
    this.#options = options;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): Promise<void> {
    const identity = 'identity' in context ? context.identity : null;
    const requestId = 'requestId' in context ? context.requestId : undefined;
    // No request id in the token: that would defeat the minter's cache; the id travels as a header.
    const token = await this.#options.minter.mint({
      audience: this.#options.name,
      userId: identity?.userId ?? null,
      roles: identity?.roles ?? [],
    });
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, token);
    if (requestId) request.http?.headers.set('x-request-id', requestId);
  }

  /** A slow subgraph fails its own fields with a stable code instead of holding the response. */
  override didEncounterError(error: Error): void {
    if (isTimeout(error)) {
      throw new GraphQLError(`Subgraph "${this.#options.name}" did not answer within ${this.#options.timeoutMs} ms`, {
        extensions: { code: 'GATEWAY_TIMEOUT', serviceName: this.#options.name },
        originalError: error,
      });
    }
    throw error;
  }
}
