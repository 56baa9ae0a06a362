import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { entitiesOf, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { notificationsModule } from '../src';
import { notifications } from '../src/db/schema';
import { NotificationStore } from '../src/stores/notification.store';
import { admin, customer, events, feed, notificationRefs, userRefs } from './helpers';
import {
  MarkAllNotificationsReadDocument,
  MarkNotificationsReadDocument,
  NotificationReferencesDocument,
  UnreadNotificationCountsDocument,
  UserNotificationsDocument,
} from './__generated__/graphql';

type Caller = { userId?: string | null; roles?: string[] };

const ref = (orderId: string) => `#${orderId.slice(0, 8)}`;

describe.each(sqlBackends)('notifications on %s', (backend) => {
  let harness: SubgraphHarness;
  let orders: ReturnType<typeof feed>;

  beforeAll(async () => {
    harness = await startSubgraphHarness({ module: notificationsModule, config: {}, backend });
    orders = feed(harness);
  });
  afterAll(() => harness?.stop());

  const page = async (userId: string, variables: { first?: number; after?: string; unreadOnly?: boolean } = {}, caller: Caller = customer(userId)) => {
    const result = await harness.call(UserNotificationsDocument, { representations: userRefs(userId), ...variables }, caller);
    expect(result.errors).toBeUndefined();
    return entitiesOf('User', result.data!._entities)[0]!.notifications;
  };
  const unread = async (userId: string) =>
    entitiesOf('User', (await harness.call(UnreadNotificationCountsDocument, { representations: userRefs(userId) }, customer(userId))).data!._entities)[0]!
      .unreadNotificationCount;
  const markRead = (caller: Caller, ids?: string[] | null) =>
    ids === undefined ? harness.call(MarkAllNotificationsReadDocument, {}, caller) : harness.call(MarkNotificationsReadDocument, { ids }, caller);
  /** Delivers events for `userId` one after another; their notifications, newest first. */
  const notify = async (userId: string, count: number) => {
    for (let i = 0; i < count; i++) await orders.deliver(events.confirmed(userId, randomUUID(), 1000 + i));
    return (await page(userId, { first: count })).edges.map((edge) => edge.node);
  };

  describe('consuming order and shipment events', () => {
    it('order.confirmed delivered twice makes exactly one notification', async () => {
      const userId = randomUUID();
      const confirmed = events.confirmed(userId);
      // The marker travels on the same topic (one partition here), so it is consumed after both copies.
      await orders.deliverTwice(confirmed, events.cancelled(userId, 'Another order', randomUUID()));
      expect(await orders.rowsFor(confirmed)).toHaveLength(1);
      const { edges, totalCount } = await page(userId);
      expect(totalCount).toBe(2);
      expect(edges[1]!.node).toEqual({
        id: expect.any(String),
        kind: 'ORDER_CONFIRMED',
        title: 'Order confirmed',
        body: `Your order ${ref(confirmed.aggregateId)} is confirmed. Total: €49.99.`,
        orderId: confirmed.aggregateId,
        read: false,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
    });

    it('each event kind says what happened; a cancellation carries the reason from the event', async () => {
      const userId = randomUUID();
      const orderId = randomUUID();
      await orders.deliver(events.cancelled(userId, 'Tea pot is out of stock', orderId));
      await orders.deliver(events.shipped(userId, orderId));
      await orders.deliver(events.delivered(userId, orderId));
      const nodes = (await page(userId)).edges.map(({ node }) => [node.kind, node.title, node.body, node.orderId]);
      expect(nodes).toEqual([
        ['SHIPMENT_DELIVERED', 'Order delivered', `Your order ${ref(orderId)} was delivered by DHL.`, orderId],
        ['SHIPMENT_SHIPPED', 'Order shipped', `Your order ${ref(orderId)} is on its way with DHL (tracking number JD0146000031).`, orderId],
        ['ORDER_CANCELLED', 'Order cancelled', `Your order ${ref(orderId)} was cancelled. Tea pot is out of stock.`, orderId],
      ]);
    });

    it('a notification goes to the order’s customer only', async () => {
      const [alice, bob] = [randomUUID(), randomUUID()];
      await orders.deliver(events.confirmed(alice));
      expect((await page(alice)).totalCount).toBe(1);
      expect((await page(bob)).totalCount).toBe(0);
    });
  });

  describe('User.notifications and User.unreadNotificationCount', () => {
    it('pages newest first with opaque cursors', async () => {
      const userId = randomUUID();
      const all = await notify(userId, 5);
      expect(all.map((n) => n.body)).toEqual([1004, 1003, 1002, 1001, 1000].map((amount) => expect.stringContaining(`€${amount / 100}`)));

      const first = await page(userId, { first: 2 });
      expect(first.edges.map((edge) => edge.node.id)).toEqual([all[0]!.id, all[1]!.id]);
      expect(first.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0]!.cursor, endCursor: first.edges[1]!.cursor });
      expect(first.totalCount).toBe(5);

      const second = await page(userId, { first: 2, after: first.pageInfo.endCursor! });
      expect(second.edges.map((edge) => edge.node.id)).toEqual([all[2]!.id, all[3]!.id]);
      expect(second.pageInfo.hasNextPage).toBe(true);
      expect(second.pageInfo.hasPreviousPage).toBe(true);

      const last = await page(userId, { first: 2, after: second.pageInfo.endCursor! });
      expect(last.edges.map((edge) => edge.node.id)).toEqual([all[4]!.id]);
      expect(last.pageInfo.hasNextPage).toBe(false);
    });

    it('unreadOnly lists and counts only unread notifications', async () => {
      const userId = randomUUID();
      const all = await notify(userId, 4);
      await markRead(customer(userId), [all[1]!.id, all[2]!.id]);
      const unreadPage = await page(userId, { unreadOnly: true });
      expect(unreadPage.edges.map((edge) => [edge.node.id, edge.node.read])).toEqual([
        [all[0]!.id, false],
        [all[3]!.id, false],
      ]);
      expect(unreadPage.totalCount).toBe(2);
      expect((await page(userId)).edges.map((edge) => edge.node.read)).toEqual([false, true, true, false]);
      expect(await unread(userId)).toBe(2);
    });

    it('a bad cursor or page size is BAD_USER_INPUT', async () => {
      const userId = randomUUID();
      for (const variables of [{ after: 'bm90LWEtY3Vyc29y' }, { first: 101 }, { first: -1 }]) {
        const result = await harness.call(UserNotificationsDocument, { representations: userRefs(userId), ...variables }, customer(userId));
        expect(result.errors?.map((error) => [error.extensions?.code, error.extensions?.argument])).toEqual([['BAD_USER_INPUT', Object.keys(variables)[0]]]);
      }
    });

    it('counts unread notifications of 3 users with one query', async () => {
      const users = [randomUUID(), randomUUID(), randomUUID()];
      await notify(users[0]!, 2);
      await notify(users[2]!, 1);
      const spy = vi.spyOn(NotificationStore.prototype, 'unreadCounts');
      try {
        const result = await harness.call(UnreadNotificationCountsDocument, { representations: userRefs(...users) }, admin());
        expect(result).toEqual({ data: { _entities: users.map((id, i) => ({ id, unreadNotificationCount: [2, 0, 1][i] })) } });
        expect(spy).toHaveBeenCalledTimes(1);
        expect(spy.mock.calls[0]![0]).toEqual(users);
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('markNotificationsRead', () => {
    it('marks the given ids, is idempotent and returns the new unread count', async () => {
      const userId = randomUUID();
      const all = await notify(userId, 3);
      expect((await markRead(customer(userId), [all[0]!.id, all[2]!.id.toUpperCase()])).data).toEqual({
        markNotificationsRead: { markedCount: 2, unreadCount: 1 },
      });
      expect((await markRead(customer(userId), [all[0]!.id, all[2]!.id])).data).toEqual({ markNotificationsRead: { markedCount: 0, unreadCount: 1 } });
      expect((await markRead(customer(userId), [])).data).toEqual({ markNotificationsRead: { markedCount: 0, unreadCount: 1 } });
      expect(await unread(userId)).toBe(1);
    });

    it('without ids (or with null) marks all of the caller’s notifications, and only theirs', async () => {
      const [alice, bob] = [randomUUID(), randomUUID()];
      await notify(alice, 3);
      await notify(bob, 2);
      expect((await markRead(customer(alice))).data).toEqual({ markNotificationsRead: { markedCount: 3, unreadCount: 0 } });
      expect((await markRead(customer(alice), null)).data).toEqual({ markNotificationsRead: { markedCount: 0, unreadCount: 0 } });
      expect(await unread(bob)).toBe(2);
    });

    it('ignores ids of other users’ notifications and unknown ids: they are never marked', async () => {
      const [alice, mallory] = [randomUUID(), randomUUID()];
      const [alicesNotification] = await notify(alice, 1);
      const [mallorysNotification] = await notify(mallory, 1);
      const result = await markRead(customer(mallory), [alicesNotification!.id, randomUUID(), mallorysNotification!.id]);
      expect(result.data).toEqual({ markNotificationsRead: { markedCount: 1, unreadCount: 0 } });
      expect(await unread(alice)).toBe(1);
      const [row] = await harness.platform.database.db.select().from(notifications).where(eq(notifications.id, alicesNotification!.id));
      expect(row!.readAt).toBeNull();
    });

    it('a malformed id is BAD_USER_INPUT and nothing changes', async () => {
      const userId = randomUUID();
      const [mine] = await notify(userId, 1);
      const result = await markRead(customer(userId), [mine!.id, 'not-a-uuid']);
      expect(result.data).toBeNull();
      expect(result.errors?.map((error) => [error.message, error.extensions?.code, error.extensions?.argument])).toEqual([
        ['ids[1] must be a UUID', 'BAD_USER_INPUT', 'ids'],
      ]);
      expect(await unread(userId)).toBe(1);
      const tooMany = await markRead(
        customer(userId),
        Array.from({ length: 101 }, () => randomUUID()),
      );
      expect(tooMany.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    });

    it('anonymous callers are UNAUTHENTICATED', async () => {
      const result = await markRead({}, null);
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('authorization', () => {
    it('only the user themself and admins may read a user’s notifications and unread count', async () => {
      const [owner, other] = [randomUUID(), randomUUID()];
      await notify(owner, 1);
      for (const query of [
        (caller?: Caller) => harness.call(UserNotificationsDocument, { representations: userRefs(owner) }, caller),
        (caller?: Caller) => harness.call(UnreadNotificationCountsDocument, { representations: userRefs(owner) }, caller),
      ]) {
        const forbidden = await query(customer(other));
        expect(forbidden.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
        const anonymous = await query();
        expect(anonymous.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      }
      expect((await page(owner, {}, admin())).totalCount).toBe(1);
    });

    it('a Notification reference resolves for its recipient and admins only', async () => {
      const [owner, other] = [randomUUID(), randomUUID()];
      const [notification] = await notify(owner, 1);
      const lookup = (caller: Caller, id = notification!.id) => harness.call(NotificationReferencesDocument, { representations: notificationRefs(id) }, caller);
      expect(await lookup(customer(owner))).toEqual({ data: { _entities: [notification] } });
      expect(await lookup(admin())).toEqual({ data: { _entities: [notification] } });
      expect(await lookup(customer(other))).toEqual({ data: { _entities: [null] } });
      expect(await lookup({})).toEqual({ data: { _entities: [null] } });
      expect(await lookup(customer(owner), 'not-a-uuid')).toEqual({ data: { _entities: [null] } });
    });
  });
});
