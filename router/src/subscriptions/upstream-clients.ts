import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { ClientIdentity } from '../client-identity';
import type { InternalTokenMinter } from '../subgraph-data-source';

/** The WebSocket address of a subgraph's `/graphql` (same host, port and path as its HTTP one). */
export function webSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * One client connection's upstream sockets: at most one graphql-ws client per subgraph, shared by
 * that connection's subscriptions. Each socket opens lazily, closes when its last subscription
 * ends, and authenticates with a fresh internal token for that subgraph carrying the caller's
 * identity (minted again on every reconnect, so a short token lifetime is no problem).
 */
export class UpstreamClients {
  readonly #clients = new Map<string, Client>();

  constructor(
    private readonly urls: ReadonlyMap<string, string>,
    private readonly minter: InternalTokenMinter,
    private readonly identity: ClientIdentity | null,
    private readonly guestKey?: string,
  ) {}

  get(subgraph: string): Client {
    const existing = this.#clients.get(subgraph);
    if (existing) return existing;
    const url = this.urls.get(subgraph);
    if (!url) throw new Error(`No URL for subgraph "${subgraph}"`);
    const client = createClient({
      url: webSocketUrl(url),
      webSocketImpl: WebSocket,
      lazy: true,
      // A dropped upstream ends its subscriptions with SERVICE_UNAVAILABLE; the client resubscribes.
      retryAttempts: 0,
      connectionParams: async () => ({
        internalToken: await this.minter.mint({
          audience: subgraph,
          userId: this.identity?.userId ?? null,
          roles: this.identity?.roles ?? [],
          ...(this.guestKey ? { guestKey: this.guestKey } : {}),
        }),
      }),
    });
    this.#clients.set(subgraph, client);
    return client;
  }

  /** Closes every upstream socket (their subscriptions are completed first by graphql-ws). */
  async dispose(): Promise<void> {
    const clients = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(clients.map((client) => client.dispose()));
  }
}
