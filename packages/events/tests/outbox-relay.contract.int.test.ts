import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '@shop/db';
import { startOutboxRelay } from '../src';
import { databaseFixtures } from './support/database-fixtures';
import { appendMany, useOutboxFixture } from './support/outbox-fixture';
import { RecordingTransport } from './support/recording-transport';
import { outbox, outboxLease } from './fixtures/schema';
import { eventually } from '@shop/testkit';

describe.each(databaseFixtures)('outbox relay on %s', (_name, open) => {
  const fixture = useOutboxFixture(open);
  const { start, unpublished } = fixture;
  let db: Database;
  beforeAll(() => {
    db = fixture.db;
  });

  it('publishes oldest first in batches and marks rows published', async () => {
    const envelopes = await appendMany(db, 25);
    const transport = new RecordingTransport();
    start({ transport, batchSize: 10, pollIntervalMs: 50 });

    await eventually(async () => (await unpublished()) === 0, { what: 'the backlog to drain' });
    expect(transport.batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
    expect(transport.published.map((message) => message.envelope.id)).toEqual(envelopes.map((envelope) => envelope.id));
    expect(transport.published[0]).toEqual({ topic: 'shop.users', key: 'u1', envelope: envelopes[0] });
    const rows = await db.select({ attempts: outbox.attempts, publishedAt: outbox.publishedAt }).from(outbox);
    expect(rows.every((row) => row.attempts === 1 && row.publishedAt instanceof Date)).toBe(true);
  });

  it('wake() publishes a commit at once instead of at the next poll', async () => {
    const [first] = await appendMany(db, 1);
    const transport = new RecordingTransport();
    // The next poll comes long after eventually() gives up: only wake() can explain a second publish.
    const relay = start({ transport, pollIntervalMs: 10 * 60_000 });
    await eventually(() => transport.published.length === 1, { what: 'the first pass to publish the backlog' });
    const [second] = await appendMany(db, 1);
    relay.wake();
    await eventually(() => transport.published.length === 2, { what: 'the woken publish' });
    expect(transport.published.map((message) => message.envelope.id)).toEqual([first!.id, second!.id]);
  });

  it('survives a transport failure without losing or duplicating rows', async () => {
    const envelopes = await appendMany(db, 5);
    const transport = new RecordingTransport();
    transport.failNext = 1;
    start({ transport, pollIntervalMs: 50 });

    await eventually(async () => (await unpublished()) === 0, { what: 'the retry to publish everything' });
    expect(transport.publishCalls).toBe(2);
    expect(transport.published.map((message) => message.envelope.id)).toEqual(envelopes.map((envelope) => envelope.id));
    const rows = await db.select({ attempts: outbox.attempts, lastError: outbox.lastError }).from(outbox);
    expect(rows).toEqual(envelopes.map(() => ({ attempts: 2, lastError: 'broker down' })));
  });

  it('stop() finishes the batch in flight and then publishes nothing more', async () => {
    await appendMany(db, 3);
    const transport = new RecordingTransport();
    const release = transport.hold();
    const relay = start({ transport, pollIntervalMs: 20 });
    await eventually(() => transport.publishCalls === 1, { what: 'a publish in flight' });
    const stopping = relay.stop();
    release();
    await stopping;
    expect(transport.published).toHaveLength(3);
    expect(await unpublished()).toBe(0);

    const later = await appendMany(db, 2);
    relay.wake();
    // A relay started after the wake is the marker: once it has published the rows, a stopped
    // relay that still worked would have had its chance first.
    const successor = new RecordingTransport();
    start({ transport: successor, pollIntervalMs: 20 });
    await eventually(async () => (await unpublished()) === 0, { what: 'the successor to publish the rows left' });
    expect(transport.publishCalls).toBe(1);
    expect(successor.published.map((message) => message.envelope.id)).toEqual(later.map((envelope) => envelope.id));
  });

  it('two relays on one outbox never send a row twice and keep the order', async () => {
    const envelopes = [...(await appendMany(db, 60, 'a')), ...(await appendMany(db, 60, 'b'))];
    const journal: string[] = [];
    const [one, two] = [new RecordingTransport(journal), new RecordingTransport(journal)];
    start({ transport: one, batchSize: 7, pollIntervalMs: 10 });
    start({ transport: two, batchSize: 7, pollIntervalMs: 10 });

    await eventually(async () => (await unpublished()) === 0, { what: 'both relays to drain the outbox' });
    const sent = [...one.published, ...two.published].map((message) => message.envelope.id);
    expect(sent).toHaveLength(120);
    expect(new Set(sent).size).toBe(120);
    expect(journal).toEqual(envelopes.map((envelope) => envelope.id));
  });

  /** The database as a relay sees it, counting its claims (`execute`: the relay's one statement per batch). */
  const countingClaims = () => {
    const counter = { claims: 0 };
    const counted = new Proxy(db, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (property === 'execute') counter.claims++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    return { counter, db: counted };
  };

  it('a relay publishing holds the outbox: another relay sends nothing meanwhile, then only what is left, in order', async () => {
    const first = await appendMany(db, 3, 'a');
    const journal: string[] = [];
    const [one, two] = [new RecordingTransport(journal), new RecordingTransport(journal)];
    const release = one.hold();
    start({ transport: one, pollIntervalMs: 10 });
    await eventually(() => one.publishCalls === 1, { what: 'the first relay to hold a publish open' });

    const later = await appendMany(db, 2, 'a');
    const { counter, db: countedDb } = countingClaims();
    const second = startOutboxRelay({ db: countedDb, outbox, lease: outboxLease, transport: two, pollIntervalMs: 10 });
    fixture.track(second);
    second.wake();
    await eventually(() => counter.claims >= 3, { what: 'the second relay to try three claims' });
    expect(two.publishCalls).toBe(0);

    release();
    await eventually(async () => (await unpublished()) === 0, { what: 'the outbox to drain' });
    expect(journal).toEqual([...first, ...later].map((envelope) => envelope.id));
  });

  it('a relay that died holding the lease delays the outbox until the lease runs out, and loses nothing', async () => {
    const envelopes = await appendMany(db, 4, 'a');
    await db.insert(outboxLease).values({ name: 'relay', holder: '00000000-0000-4000-8000-000000000000', until: sql`now() + interval '1 hour'` });
    const transport = new RecordingTransport();
    const { counter, db: countedDb } = countingClaims();
    fixture.track(startOutboxRelay({ db: countedDb, outbox, lease: outboxLease, transport, pollIntervalMs: 10 }));
    await eventually(() => counter.claims >= 3, { what: 'the relay to try three claims' });
    expect(transport.publishCalls).toBe(0);

    await db.update(outboxLease).set({ until: sql`now() - interval '1 second'` });
    await eventually(async () => (await unpublished()) === 0, { what: 'the relay to take the lease over and publish' });
    expect(transport.published.map((message) => message.envelope.id)).toEqual(envelopes.map((envelope) => envelope.id));
    const [lease] = await db.select({ givenBack: sql<boolean>`${outboxLease.until} <= now()` }).from(outboxLease);
    expect(lease).toEqual({ givenBack: true });
  });
});
