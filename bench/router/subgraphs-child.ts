/**
 * Process 0: every subgraph exactly as `npm start` runs them (startEmbedded: one PGlite database,
 * the in-process event transport, each subgraph on its own port behind the internal-token check).
 * Its embedded router is only used to seed; the measured gateways run in their own processes.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmbedded } from '../../scripts/embedded';
import { benchLogger, reportCounters, serveChild } from './child';
import { benchEnv } from './env';
import { postgresServers, subgraphDatabaseUrls } from './subgraph-databases';

// HTTP requests per listening port (node's built-in http diagnostics channel), reported by
// subgraph name, so the parent can tell how many subgraph fetches each gateway makes per request.
const requestsByPort = new Map<number, number>();
subscribe('http.server.request.start', (message) => {
  const port = ((message as { request: IncomingMessage }).request.socket.address() as AddressInfo).port;
  requestsByPort.set(port, (requestsByPort.get(port) ?? 0) + 1);
});

serveChild(async () => {
  const dataDir = benchEnv.BENCH_DATA_DIR;
  if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
  const databaseUrls = subgraphDatabaseUrls();
  const shop = await startEmbedded({
    dataDir,
    ...(databaseUrls ? { servers: postgresServers(databaseUrls) } : {}),
    routerPort: 0,
    subgraphPorts: 'random',
    logger: benchLogger('subgraphs'),
    router: { host: '127.0.0.1', rateLimit: { max: 0 } },
  });
  reportCounters(() => Object.fromEntries(Object.values(shop.subgraphs).map((s) => [s.name, requestsByPort.get(s.port) ?? 0])));
  return {
    info: {
      routerUrl: shop.routerUrl,
      admin: shop.admin,
      subgraphUrls: Object.fromEntries(Object.values(shop.subgraphs).map((s) => [s.name, s.url])),
    },
    stop: shop.stop,
  };
});
