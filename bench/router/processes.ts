/** The parent's side of child.ts: fork a measured process, ask it for stats, stop it. */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildMessage, ProcessStats } from './child';
import { inheritedEnvironment } from './env';

export interface Child<TInfo> {
  name: string;
  pid: number;
  info: TInfo;
  stats(): Promise<ProcessStats>;
  stop(): Promise<void>;
}

export interface ForkOptions {
  env?: Record<string, string>;
  /** Directory for a V8 CPU profile of this child (`--cpu-prof`), written when it stops. */
  cpuProfileDir?: string;
}

function nextMessage(child: ChildProcess, type: ChildMessage['type']): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildMessage) => {
      if (message.type !== type && message.type !== 'failed') return;
      cleanup();
      if (message.type === 'failed') reject(new Error(message.message));
      else resolve(message);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`exited with code ${code} before answering "${type}"`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Forks `file` (a child.ts server) under tsx and waits until it reports ready. */
export async function startChild<TInfo>(name: string, file: string, options: ForkOptions = {}): Promise<Child<TInfo>> {
  const execArgv = ['--import', 'tsx'];
  if (options.cpuProfileDir) {
    // One directory per child: tsx's loader thread writes a profile of its own next to the main one.
    const dir = join(options.cpuProfileDir, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  const child = fork(new URL(file, import.meta.url), [], {
    execArgv,
    env: { ...inheritedEnvironment(), ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let ready: ChildMessage;
  try {
    ready = await nextMessage(child, 'ready');
  } catch (error) {
    child.kill();
    throw new Error(`${name}: ${(error as Error).message}`);
  }
  let stopping: Promise<void> | undefined;
  return {
    name,
    pid: child.pid!,
    info: (ready as Extract<ChildMessage, { type: 'ready' }>).info as TInfo,
    async stats() {
      const answer = nextMessage(child, 'stats');
      child.send({ type: 'stats' });
      return ((await answer) as Extract<ChildMessage, { type: 'stats' }>).stats;
    },
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'stop' });
      })),
  };
}
