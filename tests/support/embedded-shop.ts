import { createLogger } from '@shop/subgraph-kit';
import { graphqlClient } from '@shop/testkit';
import { startEmbedded, type EmbeddedOptions, type RunningEmbedded } from '../../scripts/embedded';

/** The embedded supergraph on free ports, in memory unless a data dir is given. */
export async function startShop(
  dataDir?: string,
  observe?: EmbeddedOptions['observe'],
  router?: EmbeddedOptions['router'],
): Promise<RunningEmbedded & { client: ReturnType<typeof graphqlClient> }> {
  const shop = await startEmbedded({
    ...(dataDir ? { dataDir } : {}),
    ...(observe ? { observe } : {}),
    ...(router ? { router } : {}),
    routerPort: 0,
    subgraphPorts: 'random',
    logger: createLogger('e2e', 'silent'),
  });
  return { ...shop, client: graphqlClient(shop.routerUrl) };
}

let counter = 0;
/** A unique e-mail per call so tests sharing one shop never collide. */
export const uniqueEmail = (label = 'user') => `${label}.${process.pid}.${Date.now()}.${counter++}@example.com`;

export const strongPassword = 'correct-horse-battery-9';
