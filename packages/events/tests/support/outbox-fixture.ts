import { afterAll, beforeAll, beforeEach } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '@shop/db';
import { appendToOutbox, startOutboxRelay, userRegistered, type EventEnvelope, type OutboxRelay } from '../../src';
import type { DatabaseFixture } from './database-fixtures';
import { accounts, effects, inbox, outbox, outboxLease } from '../fixtures/schema';

export const userData = (userId: string) => ({ userId, email: `${userId}@example.com`, name: userId });

/** Appends `count` events for one user in one transaction (so they share created_at). */
export async function appendMany(db: Database, count: number, userId = 'u1'): Promise<EventEnvelope[]> {
  return db.transaction(async (tx) => {
    const envelopes: EventEnvelope[] = [];
    for (let i = 0; i < count; i++) envelopes.push(await appendToOutbox(tx, outbox, userRegistered, userId, userData(userId)));
    return envelopes;
  });
}

type RelayOptions = Parameters<typeof startOutboxRelay>[0];

/**
 * Opens the fixture's database for a `describe` block, empties the tables before each test and
 * stops every relay the test started (through `start`, or handed to `track`).
 */
export function useOutboxFixture(open: () => Promise<DatabaseFixture>) {
  let fixture: DatabaseFixture | undefined;
  const relays: OutboxRelay[] = [];
  const handle = {
    db: undefined as unknown as Database,
    track(relay: OutboxRelay): OutboxRelay {
      relays.push(relay);
      return relay;
    },
    start(options: Omit<RelayOptions, 'db' | 'outbox' | 'lease'>): OutboxRelay {
      return handle.track(startOutboxRelay({ db: handle.db, outbox, lease: outboxLease, ...options }));
    },
    async unpublished(): Promise<number> {
      const rows = await handle.db
        .select()
        .from(outbox)
        .where(sql`${outbox.publishedAt} is null`);
      return rows.length;
    },
  };
  beforeAll(async () => {
    fixture = await open();
    handle.db = fixture.handle.db;
  });
  beforeEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await handle.db.execute(sql`truncate ${outbox}, ${outboxLease}, ${inbox}, ${effects}, ${accounts}`);
  });
  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await fixture?.close();
  });
  return handle;
}
