import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { createTestDatabase } from '@shop/testkit';

const run = promisify(execFile);
const pgbench = ['/usr/lib/postgresql/15/bin/pgbench', '/usr/bin/pgbench'].find((path) => existsSync(path));

export interface PostgresCeiling {
  /** pgbench -S: one primary-key SELECT per transaction. */
  readOnlyStatementsPerSecond: number;
  /** pgbench's TPC-B-like transaction: BEGIN, 3 UPDATEs, a SELECT, an INSERT, COMMIT (7 statements). */
  writeStatementsPerSecond: number;
}

async function tps(url: string, args: string[]): Promise<number> {
  const { stdout } = await run(pgbench!, [...args, '-M', 'prepared', '-c', '4', '-j', '2', '-T', '10', url]);
  const match = /tps = ([\d.]+)/.exec(stdout);
  if (!match) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return Number(match[1]);
}

/**
 * What the same PostgreSQL server does on this machine with nothing else running: pgbench (C,
 * prepared statements, 4 clients) in a database of its own. Null when pgbench is not installed.
 */
export async function measurePostgresCeiling(): Promise<PostgresCeiling | null> {
  if (!pgbench) return null;
  const database = await createTestDatabase('pgbench');
  try {
    await run(pgbench, ['-i', '-q', '-s', '1', database.url]);
    const readOnly = await tps(database.url, ['-S']);
    const write = await tps(database.url, []);
    return { readOnlyStatementsPerSecond: readOnly, writeStatementsPerSecond: write * 7 };
  } finally {
    await database.drop();
  }
}
