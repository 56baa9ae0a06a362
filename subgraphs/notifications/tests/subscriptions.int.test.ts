import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryPubSub, RedisPubSub } from '@shop/cache';
import { entitiesOf, startSubgraphHarness, testServers, type SubgraphHarness } from '@shop/testkit';
import { notificationsModule, recipientTopic } from '../src';
import { customer, events, feed, userRefs } from './helpers';
import { subscribe, WatchedPubSub } from './live-client';
import { NotificationAddedDocument, UserNotificationsDocument } from './__generated__/graphql';

const bounded = { timeout: 10_000, interval: 10 };

describe('Subscription.notificationAdded over graphql-ws', () => {
  let harness: SubgraphHarness;
  let pubsub: WatchedPubSub;
  const clients: Array<{ dispose: () => Promise<void> | void }> = [];

  beforeAll(async () => {
    pubsub = new WatchedPubSub(new MemoryPubSub({ keyPrefix: 'notifications' }));
    harness = await startSubgraphHarness({ module: notificationsModule, config: {}, backend: 'pglite', sharedPubSub: pubsub });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await harness?.stop();
    await pubsub?.close();
  });

  const open = (caller: Parameters<typeof subscribe>[1]) => {
    const live = subscribe(harness, caller, NotificationAddedDocument);
    clients.push(live);
    return live.seen;
  };
  const listening = (userId: string) => vi.waitFor(() => expect(pubsub.listening.get(recipientTopic(userId))).toBe(1), bounded);

  it('pushes the notification a consumed event created to its recipient, and no one else’s', async () => {
    const [alice, bob] = [randomUUID(), randomUUID()];
    const seen = open(customer(alice));
    await listening(alice);
    await feed(harness).deliver(events.confirmed(bob));
    const confirmed = await feed(harness).deliver(events.confirmed(alice));

    await vi.waitFor(() => expect(seen.events).toHaveLength(1), bounded);
    const stored = entitiesOf(
      'User',
      (await harness.call(UserNotificationsDocument, { representations: userRefs(alice) }, customer(alice))).data!._entities,
    )[0]!.notifications.edges[0]!.node;
    expect(seen.events).toEqual([{ data: { notificationAdded: stored } }]);
    expect(seen.events[0]!.data).toMatchObject({ notificationAdded: { kind: 'ORDER_CONFIRMED', orderId: confirmed.aggregateId, read: false } });
    expect(seen.error).toBeUndefined();
  });

  it('a redelivered event is not pushed twice', async () => {
    const userId = randomUUID();
    const seen = open(customer(userId));
    await listening(userId);
    const cancelled = events.cancelled(userId, 'Your card was declined.');
    await feed(harness).deliverTwice(cancelled, events.shipped(userId, cancelled.aggregateId));
    await vi.waitFor(() => expect(seen.events).toHaveLength(2), bounded);
    expect(seen.events.map((event) => (event.data?.notificationAdded as { kind: string }).kind)).toEqual(['ORDER_CANCELLED', 'SHIPMENT_SHIPPED']);
  });

  it('an anonymous subscriber is refused with UNAUTHENTICATED', async () => {
    const seen = open({ userId: null });
    await vi.waitFor(() => expect(seen.completed).toBe(true), bounded);
    expect(seen.events.map((event) => event.errors?.map((error) => error.extensions?.code))).toEqual([['UNAUTHENTICATED']]);
    expect(seen.error).toBeUndefined();
  });

  it('a socket without an internal token is closed with 4403', async () => {
    const seen = open(null);
    await vi.waitFor(() => expect((seen.error as { code?: number } | undefined)?.code).toBe(4403), bounded);
    expect(seen.events).toEqual([]);
  });
});

describe('notificationAdded across replicas (Redis pub/sub)', () => {
  let writer: SubgraphHarness;
  let reader: SubgraphHarness;
  let writerPubSub: RedisPubSub;
  let readerPubSub: WatchedPubSub;
  let live: ReturnType<typeof subscribe> | undefined;

  beforeAll(async () => {
    // Two replicas: separate processes in production, so separate Redis connections here too.
    const keyPrefix = `notifications-${randomUUID()}`;
    writerPubSub = new RedisPubSub({ url: testServers.TEST_REDIS_URL, keyPrefix });
    readerPubSub = new WatchedPubSub(new RedisPubSub({ url: testServers.TEST_REDIS_URL, keyPrefix }));
    writer = await startSubgraphHarness({ module: notificationsModule, config: {}, backend: 'postgres', sharedPubSub: writerPubSub });
    reader = await startSubgraphHarness({ module: notificationsModule, config: {}, backend: 'pglite', sharedPubSub: readerPubSub });
  });
  afterAll(async () => {
    await live?.dispose();
    await reader?.stop();
    await writer?.stop();
    await readerPubSub?.close();
    await writerPubSub?.close();
  });

  it('a notification consumed by one replica reaches a subscriber connected to another', async () => {
    const userId = randomUUID();
    live = subscribe(reader, customer(userId), NotificationAddedDocument);
    await vi.waitFor(() => expect(readerPubSub.listening.get(recipientTopic(userId))).toBe(1), bounded);
    const delivered = await feed(writer).deliver(events.delivered(userId));

    await vi.waitFor(() => expect(live!.seen.events).toHaveLength(1), bounded);
    const [row] = await feed(writer).rowsFor(delivered);
    expect(live.seen.events).toEqual([
      {
        data: {
          notificationAdded: {
            id: row!.id,
            kind: 'SHIPMENT_DELIVERED',
            title: 'Order delivered',
            body: `Your order #${delivered.aggregateId.slice(0, 8)} was delivered by DHL.`,
            orderId: delivered.aggregateId,
            read: false,
            createdAt: row!.createdAt.toISOString(),
          },
        },
      },
    ]);
  });
});
