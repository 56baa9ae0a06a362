import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { generateInternalKeyPair, generateSigningKey } from '@shop/auth';
import { subgraphs } from '../../schema/subgraphs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ServicesLaunchOptions {
  /** One PostgreSQL database: each subgraph migrates and uses a schema of its own in it. */
  databaseUrl: string;
  kafkaBrokers: string[];
  /** Prefix of this shop's topics and consumer groups (several shops on one cluster). */
  namespace?: string;
  /** Router APQ/rate-limit store and the subgraphs' caches and live pushes; in-memory per process without it. */
  redisUrl?: string;
  /** The products catalog on MongoDB; on PostgreSQL (JSONB) without it. */
  mongo?: { url: string; database: string };
  /** Mails through this SMTP server; the development adapter (files + log) without it. */
  smtpUrl?: string;
  /** Processes per subgraph (every replica consumes from the same consumer groups). @default 1 */
  replicas?: Partial<Record<string, number>>;
  /** `fixed`: the router on `routerPort`, replica 0 of each subgraph on its schema/subgraphs.ts port, replica i on port + 100 i. */
  ports?: 'fixed' | 'random';
  /** @default 4000 (with fixed ports) */
  routerPort?: number;
  /** The admin account the users subgraph ensures at start. */
  admin: { email: string; password: string };
  /** Environment for every process on top of the launcher's (e.g. ROUTER_RATE_LIMIT_PER_MINUTE). */
  env?: Record<string, string>;
  /** Where each process's log lines go (warnings and errors only unless LOG_LEVEL is set in `env`). */
  onLog?: (process: string, line: string) => void;
}

export interface ServiceProcess {
  /** e.g. `orders#1`. */
  name: string;
  subgraph: string;
  url: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface RunningServices {
  routerUrl: string;
  processes: ServiceProcess[];
  /** SIGTERM everything, router first, and wait for every process to end. */
  stop(): Promise<void>;
}

const pgPoolPerProcess = '3';

/**
 * Services mode as separate processes on the real servers, the way docker-compose runs it: every
 * subgraph (and each extra replica) is a Node process of its own talking HTTP and Kafka, so the
 * shop uses every core. Migrations run first, one process per subgraph.
 */
export async function launchServices(options: ServicesLaunchOptions): Promise<RunningServices> {
  const internal = await generateInternalKeyPair();
  const signing = await generateSigningKey();
  const fixed = (options.ports ?? 'fixed') === 'fixed';
  const common: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    DB_DRIVER: 'postgres',
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: pgPoolPerProcess,
    EVENTS_TRANSPORT: 'kafka',
    KAFKA_BROKERS: options.kafkaBrokers.join(','),
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    KAFKA_HEARTBEAT_INTERVAL_MS: '500',
    INTERNAL_TOKEN_PUBLIC_KEY: internal.publicKey,
    ...(options.namespace ? { EVENTS_NAMESPACE: options.namespace, KAFKA_CLIENT_ID: options.namespace } : {}),
    ...(options.redisUrl ? { CACHE_DRIVER: 'redis', REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  };
  const own: Record<string, Record<string, string>> = {
    users: { ACCESS_TOKEN_SIGNING_KEYS: JSON.stringify([signing.privateJwk]), ADMIN_EMAIL: options.admin.email, ADMIN_PASSWORD: options.admin.password },
    products: options.mongo
      ? { CATALOG_DRIVER: 'mongo', MONGO_URL: options.mongo.url, MONGO_DATABASE: options.mongo.database }
      : { CATALOG_DRIVER: 'postgres' },
    notifications: options.smtpUrl ? { MAIL_TRANSPORT: 'smtp', SMTP_URL: options.smtpUrl } : {},
  };
  const log = options.onLog ?? ((name: string, line: string) => process.stderr.write(`[${name}] ${line}\n`));
  const entry = (subgraph: string) => (subgraph === 'router' ? 'router/src/main.ts' : `subgraphs/${subgraph}/src/main.ts`);

  // Migrations: one job per subgraph, side by side (each owns its schema).
  await Promise.all(
    subgraphs.map(async ({ name }) => {
      const child = spawn(process.execPath, ['--import', 'tsx', entry(name), 'migrate'], {
        cwd: root,
        env: { ...process.env, ...common, ...own[name] },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      const [code] = (await once(child, 'exit')) as [number | null];
      if (code !== 0) throw new Error(`${name}: migrate exited with ${code}`);
    }),
  );

  const processes: ServiceProcess[] = [];
  const stopAll = async () => {
    for (const running of [...processes].reverse()) if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGTERM');
    await Promise.all(processes.map((running) => running.exited));
  };
  try {
    const started = await Promise.all(
      subgraphs.flatMap(({ name, port }) =>
        Array.from({ length: options.replicas?.[name] ?? 1 }, (_, replica) =>
          serve(
            `${name}#${replica}`,
            name,
            entry(name),
            { ...process.env, ...common, ...own[name], PORT: String(fixed ? port + 100 * replica : 0) },
            log,
            processes,
          ),
        ),
      ),
    );
    const urls = Object.fromEntries(subgraphs.map(({ name }) => [name, started.find((p) => p.subgraph === name)!.url]));
    const router = await serve(
      'router',
      'router',
      entry('router'),
      {
        ...process.env,
        ...common,
        ROUTER_HOST: '127.0.0.1',
        ROUTER_PORT: String(fixed ? (options.routerPort ?? 4000) : 0),
        INTERNAL_TOKEN_PRIVATE_KEY: internal.privateKey,
        SUBGRAPH_URLS: JSON.stringify(urls),
        JWKS_URL: urls.users!.replace(/\/graphql$/, '/.well-known/jwks.json'),
        ...options.env,
      },
      log,
      processes,
    );
    return { routerUrl: router.url, processes, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Starts one process and resolves with the URL from its `listening` log line. */
function serve(
  name: string,
  subgraph: string,
  file: string,
  env: NodeJS.ProcessEnv,
  log: (name: string, line: string) => void,
  registry: ServiceProcess[],
): Promise<ServiceProcess> {
  // The listening line is logged at info: raise the level to see it, and pass on only what the caller asked for.
  const wanted = env.LOG_LEVEL ?? 'warn';
  const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: root, env: { ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const running: ServiceProcess = { name, subgraph, url: '', child, exited };
  registry.push(running);
  createInterface({ input: child.stderr! }).on('line', (line) => log(name, line));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = parseLogLine(line);
      if (!running.url && entry?.msg?.endsWith('listening') && entry.url) {
        running.url = entry.url;
        resolve(running);
      } else if (!entry || (entry.level ?? 0) >= levelNumber(wanted)) log(name, line);
    });
    void exited.then(({ code, signal }) => reject(new Error(`${name} ended (${signal ?? code}) before listening`)));
  });
}

function parseLogLine(line: string): { msg?: string; url?: string; level?: number } | undefined {
  try {
    return JSON.parse(line) as { msg?: string; url?: string; level?: number };
  } catch {
    return undefined;
  }
}

const levels: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: 100 };
const levelNumber = (name: string) => levels[name] ?? 40;
