import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInternalKeyPair, generateSigningKey } from '@shop/auth';
import { createTestDatabase, graphqlClient, testKafkaBrokers, type TestDatabase } from '@shop/testkit';
import { MeDocument, RegisterDocument } from './__generated__/graphql';

/**
 * Services mode from the built bundles, as containers run them: `npm run build`, then
 * `node dist/users/main.js migrate`, `node dist/users/main.js` (PostgreSQL + Kafka) and
 * `node dist/router/main.js`, each a separate process talking HTTP.
 */
async function run(args: string[], env: Record<string, string>): Promise<number> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'inherit' });
  const [code] = (await once(child, 'exit')) as [number];
  return code;
}

/** Starts a bundle and resolves with the URL from its "listening" log line; keeps draining its logs. */
function serve(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg?.endsWith('listening') && entry.url) resolve({ child, url: entry.url });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before listening`)));
  });
}

async function stop(child: ChildProcess | undefined): Promise<number | string | null> {
  if (!child) return null;
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
  child.kill('SIGTERM');
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  return code ?? signal;
}

describe('built bundles in services mode', () => {
  let testDb: TestDatabase;
  let users: { child: ChildProcess; url: string } | undefined;
  let router: { child: ChildProcess; url: string } | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    expect(await run(['--import', 'tsx', 'scripts/build.ts'], {})).toBe(0);
    testDb = await createTestDatabase('bundles');
    const internal = await generateInternalKeyPair();
    env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      PORT: '0',
      DB_DRIVER: 'postgres',
      DATABASE_URL: testDb.url,
      EVENTS_TRANSPORT: 'kafka',
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      INTERNAL_TOKEN_PUBLIC_KEY: internal.publicKey.replace(/\n/g, '\\n'),
      INTERNAL_TOKEN_PRIVATE_KEY: internal.privateKey.replace(/\n/g, '\\n'),
      ACCESS_TOKEN_SIGNING_KEYS: JSON.stringify([(await generateSigningKey()).privateJwk]),
    };
  });

  afterAll(async () => {
    await stop(router?.child);
    await stop(users?.child);
    await testDb?.drop();
  });

  it('migrates, serves register -> me through the router, and stops cleanly on SIGTERM', async () => {
    expect(await run(['dist/users/main.js', 'migrate'], env)).toBe(0);
    users = await serve(['dist/users/main.js'], env);
    router = await serve(['dist/router/main.js'], {
      ...env,
      ROUTER_PORT: '0',
      ROUTER_HOST: '127.0.0.1',
      SUBGRAPH_URLS: JSON.stringify({ users: users.url }),
      JWKS_URL: users.url.replace('/graphql', '/.well-known/jwks.json'),
    });
    const client = graphqlClient(router.url);
    const registered = await client(RegisterDocument, {
      input: { email: `bundle.${Date.now()}@example.com`, password: 'correct-horse-battery-9', name: 'Bundle' },
    });
    const session = registered.data?.register.session;
    expect(registered.data?.register.errors).toEqual([]);
    const me = await client(MeDocument, {}, { token: session!.accessToken });
    expect(me.data?.me?.id).toBe(session!.user.id);

    expect(await stop(router.child)).toBe(0);
    expect(await stop(users.child)).toBe(0);
  });
});
