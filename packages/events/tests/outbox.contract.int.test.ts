import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '@shop/db';
import { z } from 'zod';
import {
  appendAllToOutbox,
  appendToOutbox,
  createInboxHandler,
  newEvent,
  defineEvent,
  startOutboxRelay,
  userRegistered,
  type DeliveryMeta,
  type EventEnvelope,
  type OutboxRelay,
} from '../src';
import { databaseFixtures, type DatabaseFixture } from './support/database-fixtures';
import { RecordingTransport } from './support/recording-transport';
import { accounts, effects, inbox, outbox, outboxLease } from './fixtures/schema';
import { eventually } from '@shop/testkit';

const data = (userId: string) => ({ userId, email: `${userId}@example.com`, name: userId });
const meta: DeliveryMeta = { topic: 't', partition: 0, offset: '0', key: null, attempt: 1, headers: {} };

/** Appends `count` events for one user in one transaction (so they share created_at). */
async function appendMany(db: Database, count: number, userId = 'u1'): Promise<EventEnvelope[]> {
  return db.transaction(async (tx) => {
    const envelopes: EventEnvelope[] = [];
    for (let i = 0; i < count; i++) envelopes.push(await appendToOutbox(tx, outbox, userRegistered, userId, data(userId)));
    return envelopes;
  });
}

describe.each(databaseFixtures)('outbox, relay and inbox on %s', (_name, open) => {
  let fixture: DatabaseFixture;
  let db: Database;
  const relays: OutboxRelay[] = [];
  const start = (options: Omit<Parameters<typeof startOutboxRelay>[0], 'db' | 'outbox' | 'lease'>) => {
    const relay = startOutboxRelay({ db, outbox, lease: outboxLease, ...options });
    relays.push(relay);
    return relay;
  };
  const unpublished = async () =>
    (
      await db
        .select()
        .from(outbox)
        .where(sql`${outbox.publishedAt} is null`)
    ).length;

  beforeAll(async () => {
    fixture = await open();
    db = fixture.handle.db;
  });
  beforeEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await db.execute(sql`truncate ${outbox}, ${outboxLease}, ${inbox}, ${effects}, ${accounts}`);
  });
  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await fixture?.close();
  });

  it('writes the event in the caller transaction: committed with the state change, or not at all', async () => {
    const envelope = await db.transaction(async (tx) => {
      await tx.insert(accounts).values({ id: 'u1', email: 'u1@example.com' });
      return appendToOutbox(tx, outbox, userRegistered, 'u1', data('u1'), { traceparent: '00-abc-def-01' });
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(accounts).values({ id: 'u2', email: 'u2@example.com' });
        await appendToOutbox(tx, outbox, userRegistered, 'u2', data('u2'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');

    const rows = await db.select().from(outbox);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: envelope.id,
      topic: 'shop.users',
      key: 'u1',
      type: 'user.registered',
      payload: envelope,
      publishedAt: null,
      attempts: 0,
      lastError: null,
    });
    expect(envelope.traceparent).toBe('00-abc-def-01');
    expect(await db.select().from(accounts)).toEqual([{ id: 'u1', email: 'u1@example.com' }]);
  });

  it('writes an event addressed to several audiences once per topic, in one statement, the same envelope in each', async () => {
    const audiences = defineEvent({
      type: 'user.welcomed',
      topic: ['shop.users.mail', 'shop.users.crm'],
      version: 1,
      schema: z.object({ userId: z.string() }),
    });
    let statements = 0;
    const envelope = await db.transaction(async (tx) => {
      const counting = new Proxy(tx, {
        get: (target, name, receiver) => (name === 'insert' ? (statements++, target.insert.bind(target)) : Reflect.get(target, name, receiver)),
      });
      return appendToOutbox(counting, outbox, audiences, 'u1', { userId: 'u1' });
    });
    expect(statements).toBe(1);
    const transport = new RecordingTransport();
    start({ transport, pollIntervalMs: 50 });
    await eventually(async () => (await unpublished()) === 0, { what: 'both copies to be published' });
    expect(transport.published).toEqual([
      { topic: 'shop.users.mail', key: 'u1', envelope },
      { topic: 'shop.users.crm', key: 'u1', envelope },
    ]);
  });

  it('appendAllToOutbox writes several events (each to all its topics) in one statement, in order; none for an empty list', async () => {
    const audiences = defineEvent({
      type: 'user.welcomed',
      topic: ['shop.users.mail', 'shop.users.crm'],
      version: 1,
      schema: z.object({ userId: z.string() }),
    });
    let statements = 0;
    const envelopes = await db.transaction(async (tx) => {
      const counting = new Proxy(tx, {
        get: (target, name, receiver) => (name === 'insert' ? (statements++, target.insert.bind(target)) : Reflect.get(target, name, receiver)),
      });
      expect(await appendAllToOutbox(counting, outbox, [])).toEqual([]);
      return appendAllToOutbox(counting, outbox, [newEvent(userRegistered, 'u1', data('u1')), newEvent(audiences, 'u2', { userId: 'u2' })]);
    });
    expect(statements).toBe(1);
    const rows = await db
      .select({ id: outbox.id, topic: outbox.topic, key: outbox.key, type: outbox.type, payload: outbox.payload })
      .from(outbox)
      .orderBy(asc(outbox.seq));
    expect(rows.map(({ topic, key, type, payload }) => ({ topic, key, type, id: payload.id }))).toEqual([
      { topic: 'shop.users', key: 'u1', type: 'user.registered', id: envelopes[0]!.id },
      { topic: 'shop.users.mail', key: 'u2', type: 'user.welcomed', id: envelopes[1]!.id },
      { topic: 'shop.users.crm', key: 'u2', type: 'user.welcomed', id: envelopes[1]!.id },
    ]);
    expect(rows[0]!.id).toBe(envelopes[0]!.id);
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
    relays.push(second);
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
    relays.push(startOutboxRelay({ db: countedDb, outbox, lease: outboxLease, transport, pollIntervalMs: 10 }));
    await eventually(() => counter.claims >= 3, { what: 'the relay to try three claims' });
    expect(transport.publishCalls).toBe(0);

    await db.update(outboxLease).set({ until: sql`now() - interval '1 second'` });
    await eventually(async () => (await unpublished()) === 0, { what: 'the relay to take the lease over and publish' });
    expect(transport.published.map((message) => message.envelope.id)).toEqual(envelopes.map((envelope) => envelope.id));
    const [lease] = await db.select({ givenBack: sql<boolean>`${outboxLease.until} <= now()` }).from(outboxLease);
    expect(lease).toEqual({ givenBack: true });
  });

  it('the inbox runs an effect once per consumer however often the event arrives', async () => {
    const [envelope] = await appendMany(db, 1);
    const handlerFor = (consumer: string) =>
      createInboxHandler({
        db,
        inbox,
        consumer,
        handle: async (tx, event) => {
          await tx.insert(effects).values({ consumer, eventId: event.id, aggregateId: event.aggregateId });
        },
      });
    const [first, second] = [handlerFor('first'), handlerFor('second')];
    await first(envelope!, meta);
    await first(envelope!, meta);
    await Promise.all([second(envelope!, meta), second(envelope!, meta)].map((p) => p.catch(() => 'lost race')));
    await second(envelope!, meta);

    const rows = await db.select({ consumer: effects.consumer, eventId: effects.eventId }).from(effects).orderBy(asc(effects.consumer));
    expect(rows).toEqual([
      { consumer: 'first', eventId: envelope!.id },
      { consumer: 'second', eventId: envelope!.id },
    ]);
  });

  it('a batch is one transaction: each event once, a redelivered batch runs nothing, a failing effect rolls back all of it', async () => {
    const envelopes = await appendMany(db, 4);
    const deliveries = envelopes.map((envelope, i) => ({ envelope, meta: { ...meta, offset: String(i) } }));
    let failOn: string | undefined = envelopes[2]!.id;
    let afterCommits = 0;
    const handler = createInboxHandler({
      db,
      inbox,
      consumer: 'batched',
      handle: async (tx, event) => {
        await tx.insert(effects).values({ consumer: 'batched', eventId: event.id, aggregateId: event.aggregateId });
        await appendToOutbox(tx, outbox, userRegistered, event.aggregateId, data(event.aggregateId));
        if (event.id === failOn) throw new Error('poison');
      },
      afterCommit: () => void afterCommits++,
    });
    const ran = async () => (await db.select({ eventId: effects.eventId }).from(effects).orderBy(asc(effects.id))).map((row) => row.eventId);

    await expect(handler.batch!(deliveries)).rejects.toThrow('poison');
    expect([await ran(), await db.select().from(inbox), afterCommits]).toEqual([[], [], 0]);
    failOn = undefined;
    // The first event delivered twice within the batch, then the whole batch redelivered.
    await handler.batch!([deliveries[0]!, ...deliveries]);
    await handler.batch!(deliveries);
    await handler(envelopes[1]!, meta);
    expect(await ran()).toEqual(envelopes.map((envelope) => envelope.id));
    expect(afterCommits).toBe(1);
  });

  it('a failed effect rolls its inbox row back so the retry runs it', async () => {
    const [envelope] = await appendMany(db, 1);
    let calls = 0;
    const handler = createInboxHandler({
      db,
      inbox,
      consumer: 'flaky',
      handle: async (tx, event) => {
        calls++;
        await tx.insert(effects).values({ consumer: 'flaky', eventId: event.id, aggregateId: event.aggregateId });
        if (calls === 1) throw new Error('deadlock detected');
      },
    });
    await expect(handler(envelope!, meta)).rejects.toThrow('deadlock detected');
    await handler(envelope!, meta);
    await handler(envelope!, meta);
    expect(calls).toBe(2);
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(effects)).toEqual([{ n: 1 }]);
    expect(await db.select({ consumer: inbox.consumer }).from(inbox).where(eq(inbox.eventId, envelope!.id))).toEqual([{ consumer: 'flaky' }]);
  });

  it('calls afterCommit once per committed effect that recorded an event: not for a duplicate, a failure or a type it skips', async () => {
    const [envelope] = await appendMany(db, 1);
    const commits: string[] = [];
    let fail = true;
    const handler = createInboxHandler({
      db,
      inbox,
      consumer: 'waker',
      handles: (type) => type === envelope!.type,
      handle: async (tx) => {
        await appendToOutbox(tx, outbox, userRegistered, 'u9', data('u9'));
        if (fail) throw new Error('deadlock detected');
      },
      afterCommit: () => commits.push('commit'),
    });
    await expect(handler(envelope!, meta)).rejects.toThrow('deadlock detected');
    expect(commits).toEqual([]);
    fail = false;
    await handler(envelope!, meta);
    await handler(envelope!, meta);
    await handler({ ...envelope!, id: '6f1c2b4a-8d3e-4f5a-9b6c-7d8e9f0a1b2c', type: 'order.placed' }, meta);
    expect(commits).toEqual(['commit']);
  });

  it('does not call afterCommit (no relay wake, no empty claim) when the effect recorded no event, in a savepoint or not, one by one or in a batch', async () => {
    const envelopes = await appendMany(db, 3);
    let commits = 0;
    const writes = new Set([envelopes[2]!.id]);
    const handler = createInboxHandler({
      db,
      inbox,
      consumer: 'quiet',
      handle: async (tx, event) => {
        await tx.insert(effects).values({ consumer: 'quiet', eventId: event.id, aggregateId: event.aggregateId });
        if (writes.has(event.id)) await tx.transaction((sp) => appendToOutbox(sp, outbox, userRegistered, 'u9', data('u9')));
      },
      afterCommit: () => void commits++,
    });
    await handler(envelopes[0]!, meta);
    await handler.batch!([{ envelope: envelopes[1]!, meta }]);
    expect(commits).toBe(0);
    await handler.batch!(envelopes.map((envelope) => ({ envelope, meta })));
    expect(commits).toBe(1);
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(effects)).toEqual([{ n: 3 }]);
  });

  it('claimsInbox: the effect writes the inbox row in its first statement; a duplicate finds it taken, an effect that runs no statement gets its row after', async () => {
    const [envelope, quiet] = await appendMany(db, 2);
    await db.insert(accounts).values({ id: 'u1', email: 'u1@example.com' });
    const fresh: boolean[] = [];
    let statements = 0;
    const handler = createInboxHandler({
      db,
      inbox,
      consumer: 'claiming',
      claimsInbox: true,
      handle: async (tx, event, _meta, claim) => {
        if (event.id === quiet!.id) return;
        statements++;
        const result = await tx.execute(
          sql`with claim as (${claim!.insert}) select exists(select 1 from claim) as fresh from ${accounts} where id = 'u1' for update`,
        );
        const [row] = (result as unknown as { rows: Array<{ fresh: boolean }> }).rows;
        fresh.push(row!.fresh);
        if (row!.fresh) await tx.insert(effects).values({ consumer: 'claiming', eventId: event.id, aggregateId: event.aggregateId });
      },
    });
    await handler(envelope!, meta);
    await handler(envelope!, meta);
    await handler(quiet!, meta);
    await handler(quiet!, meta);
    expect(fresh).toEqual([true, false]);
    expect(statements).toBe(2);
    expect(await db.select({ eventId: effects.eventId }).from(effects)).toEqual([{ eventId: envelope!.id }]);
    const rows = await db.select({ eventId: inbox.eventId }).from(inbox).where(eq(inbox.consumer, 'claiming'));
    expect(rows.map((row) => row.eventId).sort()).toEqual([envelope!.id, quiet!.id].sort());
    // A batch's rows are written before the effects, which get no claim.
    const [third] = await appendMany(db, 1);
    const claims: unknown[] = [];
    const batched = createInboxHandler({
      db,
      inbox,
      consumer: 'claiming-batch',
      claimsInbox: true,
      handle: async (_tx, _event, _meta, claim) => void claims.push(claim),
    });
    await batched.batch!([
      { envelope: third!, meta },
      { envelope: envelope!, meta },
    ]);
    await batched.batch!([{ envelope: third!, meta }]);
    expect(claims).toEqual([undefined, undefined]);
  });

  it('acknowledges events it has no effect for without a transaction or an inbox row', async () => {
    const [envelope] = await appendMany(db, 1);
    let calls = 0;
    const handler = createInboxHandler({
      db,
      inbox,
      consumer: 'picky',
      handles: (type) => type === 'order.placed',
      handle: async () => {
        calls++;
      },
    });
    await handler(envelope!, meta);
    expect(calls).toBe(0);
    expect(await db.select({ consumer: inbox.consumer }).from(inbox).where(eq(inbox.consumer, 'picky'))).toEqual([]);
  });
});
