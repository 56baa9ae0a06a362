import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLogger, stopOnSignals } from '@shop/subgraph-kit';
import { startEmbedded } from './embedded';
import { embeddedCors, loadEmbeddedEnv } from './env';
import { seedShop } from './seed/seed-shop';

/** `npm start`: the whole supergraph on the embedded default, no servers needed. */
const env = loadEmbeddedEnv();
const logger = createLogger('embedded', env.LOG_LEVEL);
const dataDir = resolve(env.DATA_DIR);
const started = Date.now();
const shop = await startEmbedded({
  dataDir,
  routerPort: env.ROUTER_PORT,
  subgraphPorts: 'fixed',
  logger,
  router: { rateLimit: { max: env.ROUTER_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 }, cors: embeddedCors(env) },
});
console.log(`
  Commerce supergraph is up (embedded mode, data in ${env.DATA_DIR}/) in ${((Date.now() - started) / 1000).toFixed(1)} s
  GraphQL endpoint: ${shop.routerUrl}
  Explorer (GraphiQL, works offline): open ${shop.routerUrl} in a browser   (Apollo Sandbox: ${shop.routerUrl}?sandbox)
  Admin account: ${shop.admin.email} / ${shop.admin.password}   (kept in ${env.DATA_DIR}/keys.json)
  Mails (development adapter, nothing is sent): written to ${env.DATA_DIR}/mail/*.eml and logged by notifications
  Stop with Ctrl+C.
`);
stopOnSignals(logger, [() => shop.stop()]);

// The demo data goes in through the public API once, after the endpoint is already usable.
const marker = join(dataDir, 'seeded.json');
if (env.SEED_DEMO_DATA && !existsSync(marker)) {
  console.log('  Seeding the demo shop through the API (first start only)...');
  try {
    const summary = await seedShop(shop.routerUrl, shop.admin);
    writeFileSync(marker, JSON.stringify({ ...summary, at: new Date().toISOString() }, null, 2));
    console.log(`  Demo shop ready: ${summary.products} products in ${summary.categories} categories, ${summary.reviews} reviews.`);
  } catch (error) {
    console.error(`  Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
