import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { mailpit, type Mailpit } from './mailpit';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../../scripts/servers/mailpit.sh', import.meta.url));

export interface OwnMailpit {
  smtpUrl: string;
  api: Mailpit;
  /** Stops the server (its mails stay) and returns once the process is gone: SMTP connections are refused. */
  stop(): Promise<void>;
  /** Starts it again on the same data and returns once it answers. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
}

/**
 * A Mailpit of the calling test's own (scripts/servers/mailpit.sh with MAILPIT_INSTANCE), so the
 * test can stop and restart it while the one the other test files share keeps running.
 */
export async function startOwnMailpit(name: string, smtpPort: number, apiPort: number): Promise<OwnMailpit> {
  const env = {
    ...process.env,
    MAILPIT_INSTANCE: name,
    TEST_SMTP_PORT: String(smtpPort),
    TEST_MAILPIT_API_PORT: String(apiPort),
    TEST_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    TEST_MAILPIT_API: `http://127.0.0.1:${apiPort}`,
  };
  const server = async (command: 'start' | 'stop' | 'clean') => {
    await run('bash', [script, command], { env, maxBuffer: 10 * 1024 * 1024 });
  };
  await server('clean');
  await server('start');
  return {
    smtpUrl: env.TEST_SMTP_URL,
    api: mailpit(env.TEST_MAILPIT_API),
    stop: () => server('stop'),
    start: () => server('start'),
    remove: () => server('clean'),
  };
}
