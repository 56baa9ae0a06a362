import pg from 'pg';
import { loadServicesEnv, type ServicesEnv } from './env';
import { launchServices } from './services/launch-services';
import { parseReplicas } from './services/replicas';

/** The database to use: DATABASE_URL, or `shop_services` on the local test server (created once). */
async function databaseUrl(env: ServicesEnv): Promise<string> {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const client = new pg.Client({ connectionString: env.TEST_POSTGRES_URL });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', ['shop_services']);
    if (exists.rowCount === 0) await client.query('create database shop_services');
  } finally {
    await client.end();
  }
  const url = new URL(env.TEST_POSTGRES_URL);
  url.pathname = '/shop_services';
  return url.toString();
}

/** `npm run start:services`: the router and every subgraph as processes of their own on real servers. */
const env = loadServicesEnv();
const replicas = parseReplicas(env.SERVICES_REPLICAS);
const services = await launchServices({
  databaseUrl: await databaseUrl(env),
  kafkaBrokers: env.KAFKA_BROKERS ?? env.TEST_KAFKA_BROKERS.split(','),
  namespace: env.SERVICES_NAMESPACE,
  redisUrl: env.REDIS_URL ?? env.TEST_REDIS_URL,
  ...(env.MONGO_URL ? { mongo: { url: env.MONGO_URL, database: 'shop' } } : {}),
  ...(env.SMTP_URL ? { smtpUrl: env.SMTP_URL } : {}),
  replicas,
  routerPort: env.ROUTER_PORT,
  admin: { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD },
  env: { LOG_LEVEL: env.LOG_LEVEL, ROUTER_RATE_LIMIT_PER_MINUTE: String(env.ROUTER_RATE_LIMIT_PER_MINUTE) },
});
console.log(`
  Commerce supergraph is up in services mode: ${services.processes.length} processes
${services.processes.map((p) => `    ${p.name.padEnd(16)} pid ${String(p.child.pid).padEnd(8)} ${p.url}`).join('\n')}
  GraphQL endpoint and explorer: ${services.routerUrl}
  Admin account: ${env.ADMIN_EMAIL} / ${env.ADMIN_PASSWORD}
  Stop with Ctrl+C.
`);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopping = true;
    void services.stop().then(() => process.exit(0));
  });
}
for (const running of services.processes) {
  void running.exited.then(({ code, signal }) => {
    if (!stopping) console.error(`  ${running.name} ended (${signal ?? `exit ${code}`}); the others keep running.`);
  });
}
