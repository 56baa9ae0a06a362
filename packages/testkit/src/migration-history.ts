import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '@shop/db';
import { createTestDatabase } from './postgres';

/**
 * For tests that prove a migration loses nothing: build a database with the schema as it was, fill
 * it with old rows, run the real migrations, compare. One of these per test, on PGlite or on a fresh
 * PostgreSQL database; `close()` removes everything it made.
 */
export interface MigrationTestDatabase {
  handle: DatabaseHandle;
  /** A copy of `migrationsFolder` whose journal ends at `lastTag` (inclusive): run it for the old schema. */
  migrationsUpTo(migrationsFolder: string, lastTag: string): string;
  /** The rows of a raw statement, as plain objects keyed by column name. */
  rows(query: Parameters<DatabaseHandle['db']['execute']>[0]): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

export async function openMigrationTestDatabase(driver: 'pglite' | 'postgres', prefix: string): Promise<MigrationTestDatabase> {
  const cleanups: Array<() => Promise<void> | void> = [];
  let handle: DatabaseHandle;
  if (driver === 'pglite') handle = await openDatabase({ driver: 'pglite' });
  else {
    const testDb = await createTestDatabase(prefix);
    cleanups.push(() => testDb.drop());
    handle = await openDatabase({ driver: 'postgres', url: testDb.url });
  }
  cleanups.push(() => handle.close());
  return {
    handle,
    migrationsUpTo(migrationsFolder, lastTag) {
      const folder = mkdtempSync(join(tmpdir(), `${prefix}-migrations-`));
      cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
      cpSync(migrationsFolder, folder, { recursive: true });
      const journalFile = join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
      const last = journal.entries.findIndex((entry) => entry.tag === lastTag);
      if (last < 0) throw new Error(`no migration ${lastTag} in ${migrationsFolder}`);
      journal.entries = journal.entries.slice(0, last + 1);
      writeFileSync(journalFile, JSON.stringify(journal));
      return folder;
    },
    async rows(query) {
      return ((await handle.db.execute(query)) as unknown as { rows: Array<Record<string, unknown>> }).rows;
    },
    async close() {
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}
