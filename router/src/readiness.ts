export interface ReadinessReport {
  ready: boolean;
  supergraph: 'loaded' | 'not loaded';
  /** Per subgraph: `ok`, or why its `/health` did not answer 200. */
  subgraphs: Record<string, string>;
}

/** `/health` next to a subgraph's `/graphql` URL. */
export const healthUrlOf = (graphqlUrl: string): string => new URL('/health', graphqlUrl).toString();

async function probe(url: string, timeoutMs: number): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok ? 'ok' : `HTTP ${response.status}`;
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
    return cause ?? (error instanceof Error ? error.message : 'unreachable');
  }
}

/**
 * Ready = the supergraph is loaded AND every subgraph answers its `/health` within the timeout.
 * Probes run in parallel, so `/ready` takes at most one timeout.
 */
export async function checkReadiness(loaded: boolean, subgraphUrls: ReadonlyMap<string, string>, timeoutMs: number): Promise<ReadinessReport> {
  const entries = await Promise.all([...subgraphUrls].map(async ([name, url]) => [name, await probe(healthUrlOf(url), timeoutMs)] as const));
  const subgraphs = Object.fromEntries(entries);
  return {
    ready: loaded && entries.length > 0 && entries.every(([, status]) => status === 'ok'),
    supergraph: loaded ? 'loaded' : 'not loaded',
    subgraphs,
  };
}
