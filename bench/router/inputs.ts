/** What run.ts hands every gateway child: the same supergraph, subgraph URLs and internal key. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbeddedKeys } from '../../scripts/embedded-keys';
import { benchEnv } from './env';

export interface GatewayInputs {
  supergraphSdl: string;
  subgraphUrls: Record<string, string>;
  /** The users subgraph's JWKS (our router verifies client tokens with it). */
  jwksUrl: string;
  keys: EmbeddedKeys;
}

/** startEmbedded's issuer and audience for access tokens (scripts/embedded.ts). */
export const accessTokenIssuer = 'commerce-supergraph';
export const accessTokenAudience = 'commerce-supergraph';

export const supergraphPath = new URL('../../schema/supergraph.graphql', import.meta.url);
export const apiSchemaPath = new URL('../../schema/supergraph-api.graphql', import.meta.url);

export function readGatewayInputs(): GatewayInputs {
  const dataDir = benchEnv.BENCH_DATA_DIR;
  const urls = benchEnv.BENCH_SUBGRAPH_URLS;
  if (!dataDir || !urls) throw new Error('BENCH_DATA_DIR and BENCH_SUBGRAPH_URLS are required');
  const subgraphUrls = JSON.parse(urls) as Record<string, string>;
  return {
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    subgraphUrls,
    jwksUrl: new URL('/.well-known/jwks.json', subgraphUrls.users).href,
    // The key pair startEmbedded generated into its data dir (loadOrCreateKeys).
    keys: JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8')) as EmbeddedKeys,
  };
}
