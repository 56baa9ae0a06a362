import { beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '@shop/db';
import { z } from 'zod';
import { appendAllToOutbox, appendToOutbox, createInboxHandler, newEvent, defineEvent, userRegistered, type DeliveryMeta } from '../src';
import { databaseFixtures } from './support/database-fixtures';
import { appendMany, userData as data, useOutboxFixture } from './support/outbox-fixture';
import { RecordingTransport } from './support/recording-transport';
import { accounts, effects, inbox, outbox } from './fixtures/schema';
import { eventually } from '@shop/testkit';

const meta: DeliveryMeta = { topic: 't', partition: 0, offset: '0', key: null, attempt: 1, headers: {} };

describe.each(databaseFixtures)('outbox and inbox on %s', (_name, open) => {
  const fixture = useOutboxFixture(open);
  const { start, unpublished } = fixture;
  let db: Database;
  beforeAll(() => {
    db = fixture.db;
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
