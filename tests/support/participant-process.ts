import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { InventoryProcessConfig } from './inventory-process';

export interface ParticipantProcess {
  /** Resolves with the signal that ended the process (null when it exited on its own). */
  exited: Promise<NodeJS.Signals | null>;
  stop(): Promise<void>;
}

const entry = fileURLToPath(new URL('./inventory-process.ts', import.meta.url));

/** Starts tests/support/inventory-process.ts under tsx and resolves once it reports `ready`. */
export async function startInventoryProcess(config: InventoryProcessConfig): Promise<ParticipantProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, INVENTORY_PROCESS: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready\n')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    void exited.then((signal) => reject(new Error(`inventory process ended (${signal ?? 'exit'}) before it was ready:\n${output}`)));
  });
  return {
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
