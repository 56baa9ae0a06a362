import type { Fetcher } from '@apollo/utils.fetcher';
import { Agent, fetch } from 'undici';

export interface SubgraphFetcherOptions {
  /** Whole-request budget (connect, send, read body); the request is aborted after it. */
  timeoutMs: number;
  /** Keep-alive connections kept per subgraph origin. */
  connections: number;
}

export interface SubgraphFetcher {
  fetch: Fetcher;
  close(): Promise<void>;
}

/** True for the abort raised when a subgraph request ran past its timeout. */
export const isTimeout = (error: unknown): boolean => error instanceof Error && error.name === 'TimeoutError';

/**
 * One undici pool shared by every subgraph data source: connections stay open between requests
 * (no TCP handshake per fetch) and each origin gets at most `connections` sockets.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  const agent = new Agent({
    connections: options.connections,
    // Below the subgraphs' 65 s server keep-alive, so the router never reuses a socket the
    // subgraph is about to close.
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
  });
  const fetcher = (url: string, init: Parameters<Fetcher>[1] = {}) =>
    fetch(url, { ...init, dispatcher: agent, signal: AbortSignal.timeout(options.timeoutMs) });
  return {
    // undici's Response satisfies Apollo's structural fetcher types at runtime; their TS declarations differ.
    fetch: fetcher as unknown as Fetcher,
    close: () => agent.close(),
  };
}
