import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../scripts/servers/kafka.sh', import.meta.url));

export interface OwnKafka {
  brokers: string[];
  /** Stops the broker (a clean shutdown; its data stays) and returns once the process is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same data and returns once it answers. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
}

/**
 * A Kafka broker of the calling test's own (scripts/servers/kafka.sh with KAFKA_INSTANCE), on
 * `port` and `port + 1` (controller), so the test can stop and restart it while the broker the
 * other test files share keeps running. Starts from empty data.
 */
export async function startOwnKafka(name: string, port: number): Promise<OwnKafka> {
  const env = {
    ...process.env,
    KAFKA_INSTANCE: name,
    TEST_KAFKA_PORT: String(port),
    TEST_KAFKA_CONTROLLER_PORT: String(port + 1),
    TEST_KAFKA_BROKERS: `127.0.0.1:${port}`,
  };
  const kafka = async (command: 'start' | 'stop' | 'clean') => {
    await run('bash', [script, command], { env, maxBuffer: 10 * 1024 * 1024 });
  };
  await kafka('clean');
  await kafka('start');
  return {
    brokers: [`127.0.0.1:${port}`],
    stop: () => kafka('stop'),
    start: () => kafka('start'),
    remove: () => kafka('clean'),
  };
}
