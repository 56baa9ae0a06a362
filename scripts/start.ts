import { resolve } from 'node:path';
import { createLogger, stopOnSignals } from '@shop/subgraph-kit';
import { startEmbedded } from './embedded';
import { loadEmbeddedEnv } from './env';

/** `npm start`: the whole supergraph on the embedded default, no servers needed. */
const env = loadEmbeddedEnv();
const logger = createLogger('embedded', env.LOG_LEVEL);
const started = Date.now();
const shop = await startEmbedded({
  dataDir: resolve(env.DATA_DIR),
  routerPort: env.ROUTER_PORT,
  subgraphPorts: 'fixed',
  logger,
});
console.log(`
  Commerce supergraph is up (embedded mode, data in ${env.DATA_DIR}/) in ${((Date.now() - started) / 1000).toFixed(1)} s
  GraphQL endpoint and Apollo Sandbox: ${shop.routerUrl}
  Admin account: ${shop.admin.email} / ${shop.admin.password}   (kept in ${env.DATA_DIR}/keys.json)
  Stop with Ctrl+C.
`);
stopOnSignals(logger, [() => shop.stop()]);
