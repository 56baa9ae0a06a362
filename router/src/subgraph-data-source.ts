import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { INTERNAL_TOKEN_HEADER } from '@shop/subgraph-kit';
import type { RouterContext } from './router-context';

/** What the router needs from `@shop/auth`'s internal-token minter. */
export interface InternalTokenMinter {
  mint(claims: { audience: string; userId: string | null; roles: string[] }): Promise<string>;
}

/**
 * Each subgraph request carries only what the router vouches for: a fresh internal token whose
 * audience is that subgraph. Nothing the client sent is forwarded.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(
    private readonly subgraphName: string,
    url: string,
    private readonly minter: InternalTokenMinter,
  ) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): Promise<void> {
    const identity = 'identity' in context ? context.identity : null;
    const requestId = 'requestId' in context ? context.requestId : undefined;
    // No request id in the token: that would defeat the minter's cache; the id travels as a header.
    const token = await this.minter.mint({
      audience: this.subgraphName,
      userId: identity?.userId ?? null,
      roles: identity?.roles ?? [],
    });
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, token);
    if (requestId) request.http?.headers.set('x-request-id', requestId);
  }
}
