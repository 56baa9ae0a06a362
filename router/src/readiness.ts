import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface ReadinessReport {
  ready: boolean;
  supergraph: 'loaded' | 'not loaded';
  /** Per subgraph: `ok`, or why its `/health` did not answer 200. */
  subgraphs: Record<string, string>;
}

/** The header an operator sends with `readyDetailToken` to see the per-subgraph report in production. */
export const READY_DETAIL_HEADER = 'x-ready-detail-token';

/**
 * Whether this caller may see the per-subgraph report: always while developing; in production
 * only with the configured operator token (compared in constant time), since subgraph names and
 * their connection errors map the deployment for an attacker.
 */
export function showsReadinessDetail(headers: IncomingHttpHeaders, production: boolean, detailToken: string | undefined): boolean {
  if (!production) return true;
  const sent = headers[READY_DETAIL_HEADER];
  if (detailToken === undefined || typeof sent !== 'string') return false;
  const expected = Buffer.from(detailToken);
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The report a caller gets: without the subgraph list unless `showsReadinessDetail`. */
export const readinessFor = (report: ReadinessReport, detail: boolean): Partial<ReadinessReport> =>
  detail ? report : { ready: report.ready, supergraph: report.supergraph };

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
