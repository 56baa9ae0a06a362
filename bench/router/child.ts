/**
 * The protocol between the benchmark's parent (run.ts) and each process it measures: the child
 * starts its server, reports `ready`, answers `stats` with its own memory and CPU time (so every
 * figure is attributable to one process), and exits on `stop`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { benchEnv } from './env';

export interface ProcessStats {
  /** Resident set size now, bytes. */
  rss: number;
  /** Peak resident set size of the process so far, bytes. */
  maxRss: number;
  heapUsed: number;
  /** CPU time used so far (user + system), microseconds. */
  cpuMicros: number;
  /** Whatever else the child counts (the subgraphs process: HTTP requests per subgraph). */
  counters?: Record<string, number>;
}

export type ChildMessage = { type: 'ready'; info: Record<string, unknown> } | { type: 'stats'; stats: ProcessStats } | { type: 'failed'; message: string };

export type ParentMessage = { type: 'stats' } | { type: 'stop' };

let counters: (() => Record<string, number>) | undefined;

/** Lets a child report counters with its stats. */
export function reportCounters(read: () => Record<string, number>): void {
  counters = read;
}

export function processStats(): ProcessStats {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    rss: memory.rss,
    maxRss: process.resourceUsage().maxRSS * 1024,
    heapUsed: memory.heapUsed,
    cpuMicros: cpu.user + cpu.system,
    ...(counters ? { counters: counters() } : {}),
  };
}

/** Quiet logs: per-request logging would measure the terminal, not the gateway. */
export const benchLogger = (name: string): Logger => pino({ name, level: benchEnv.BENCH_LOG_LEVEL, base: { service: name } });

const send = (message: ChildMessage) => process.send?.(message);

/** Runs `start` in a child forked by run.ts and serves the parent's requests until `stop`. */
export function serveChild(start: () => Promise<{ info: Record<string, unknown>; stop: () => Promise<void> }>): void {
  if (!process.send) throw new Error('bench children run under run.ts (child_process.fork)');
  start().then(
    ({ info, stop }) => {
      process.on('message', (message: ParentMessage) => {
        if (message.type === 'stats') send({ type: 'stats', stats: processStats() });
        if (message.type === 'stop') {
          // A normal exit, so `--cpu-prof` writes its profile.
          stop().finally(() => process.exit(0));
        }
      });
      // The parent went away (Ctrl-C, crash): do not linger holding ports.
      process.on('disconnect', () => process.exit(0));
      send({ type: 'ready', info });
    },
    (error: unknown) => {
      send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exit(1);
    },
  );
}

/** Listens on a free loopback port; `close` ends open keep-alive connections too, so it does not wait for them. */
export async function listenOnLoopback(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
