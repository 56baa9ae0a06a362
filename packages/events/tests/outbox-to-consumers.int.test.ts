import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray, sql } from 'drizzle-orm';
import { eventually, uniqueKafkaName } from '@shop/testkit';
import type { Database } from '@shop/db';
import {
  appendToOutbox,
  createInboxHandler,
  defineEvent,
  startOutboxRelay,
  userRegistered,
  type EventEnvelope,
  type EventHandler,
  type OutboxRelay,
  type Subscription,
} from '../src';
import { databaseFixtures, type DatabaseFixture } from './support/database-fixtures';
import { transportFixtures, type TransportFixture } from './support/transport-fixtures';
import { accounts, effects, inbox, outbox, outboxLease } from './fixtures/schema';

/** The two ways the system runs: embedded (PGlite + in-process) and services (PostgreSQL + Kafka). */
const modes = [
  ['embedded', databaseFixtures[0]!, transportFixtures[0]!],
  ['services', databaseFixtures[1]!, transportFixtures[1]!],
] as const;

describe.each(modes)('outbox -> transport -> inbox (%s)', (_mode, [, openDb], [, createTransport]) => {
  let database: DatabaseFixture;
  let db: Database;
  let fixture: TransportFixture;
  let relay: OutboxRelay;
  const subscriptions: Subscription[] = [];

  beforeAll(async () => {
    database = await openDb();
    db = database.handle.db;
    fixture = createTransport();
    relay = startOutboxRelay({ db, outbox, lease: outboxLease, transport: fixture.transport, pollIntervalMs: 200 });
  });
  afterAll(async () => {
    await relay?.stop();
    await Promise.allSettled(subscriptions.map((subscription) => subscription.stop()));
    await fixture?.close();
    await database?.close();
  });

  it('each of two groups applies every event exactly once despite a crash before the commit and a duplicate publish', async () => {
    // The real contract on a topic of this run's own, so a rerun never reads old messages.
    const registered = defineEvent({ ...userRegistered, topic: uniqueKafkaName('pipeline.users') });
    const topic = registered.topic;
    const groups = [uniqueKafkaName('group-a'), uniqueKafkaName('group-b')] as const;
    const calls = new Map<string, string[]>(groups.map((group) => [group, []]));
    const effect = (consumer: string) =>
      createInboxHandler({
        db,
        inbox,
        consumer,
        handle: async (tx, envelope) => {
          await tx.insert(effects).values({ consumer, eventId: envelope.id, aggregateId: envelope.aggregateId });
        },
      });
    const counted =
      (group: string, inner: EventHandler): EventHandler =>
      async (envelope, meta) => {
        calls.get(group)!.push(envelope.id);
        await inner(envelope, meta);
      };
    // Group A crashes right after committing the effect of the 4th event, before its offset commit.
    let victim: string | undefined;
    let crashed = false;
    const groupA = groups[0];
    const crashing: Subscription = await fixture.transport.subscribe({
      groupId: groupA,
      topics: [topic],
      retryBackoffMs: 20,
      handler: counted(groupA, async (envelope, meta) => {
        await effect(groupA)(envelope, meta);
        if (envelope.id === victim && !crashed) {
          crashed = true;
          void crashing.stop();
          throw new Error('process killed before the offset commit');
        }
      }),
    });
    subscriptions.push(crashing);
    subscriptions.push(await fixture.transport.subscribe({ groupId: groups[1], topics: [topic], handler: counted(groups[1], effect(groups[1])) }));

    const users = ['ann', 'bob', 'cyd'];
    const envelopes: EventEnvelope[] = [];
    for (let i = 0; i < 12; i++) {
      const userId = `${users[i % 3]}-${i}`;
      const envelope = await db.transaction(async (tx) => {
        await tx.insert(accounts).values({ id: userId, email: `${userId}@example.com` });
        return appendToOutbox(tx, outbox, registered, users[i % 3]!, { userId, email: `${userId}@example.com`, name: userId });
      });
      envelopes.push(envelope);
      if (i === 3) victim = envelope.id;
      relay.wake();
    }

    await eventually(() => crashed, { what: 'group A to crash' });
    await crashing.stop();
    subscriptions.push(await fixture.transport.subscribe({ groupId: groupA, topics: [topic], handler: counted(groupA, effect(groupA)) }));
    // The same envelope published a second time (a relay that died before marking its batch).
    await fixture.transport.publish([{ topic, key: envelopes[5]!.aggregateId, envelope: envelopes[5]! }]);

    const count = (group: string, id: string) => calls.get(group)!.filter((seen) => seen === id).length;
    await eventually(
      () =>
        groups.every((group) => envelopes.every((envelope) => count(group, envelope.id) >= 1) && count(group, envelopes[5]!.id) >= 2) &&
        count(groupA, victim!) >= 2,
      { what: 'every event, the redelivery and the duplicate to reach both groups', describe: () => groups.map((group) => calls.get(group)!.length) },
    );
    // One marker per key behind everything: order per key holds, so a group that has seen every
    // marker has seen every delivery it will ever get of the events before them.
    const markers = users.map((user) => registered.create(user, { userId: `${user}-marker`, email: `${user}-marker@example.com`, name: user }));
    await fixture.transport.publish(markers.map((envelope) => ({ topic, key: envelope.aggregateId, envelope })));
    await eventually(() => groups.every((group) => markers.every((marker) => count(group, marker.id) >= 1)), { what: 'both groups to see the markers' });

    const ids = envelopes.map((envelope) => envelope.id);
    const rows = await db.execute(sql`select consumer, count(*)::int as effects, count(distinct event_id)::int as events from ${effects}
      where ${inArray(effects.eventId, ids)} group by consumer order by consumer`);
    expect((rows as unknown as { rows: unknown[] }).rows).toEqual([...groups].sort().map((consumer) => ({ consumer, effects: 12, events: 12 })));
    expect(count(groupA, victim!)).toBe(2);
    expect(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(outbox)
        .where(sql`${outbox.publishedAt} is null`),
    ).toEqual([{ n: 0 }]);
  });
});
