import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@shop/db';
import { mailpit, testServers } from '@shop/testkit';
import {
  AdminReturnsDocument,
  ApproveReturnDocument,
  CreatePromotionDocument,
  MarkReturnReceivedDocument,
  MyReturnNotificationsDocument,
  OrderReturnsDocument,
  RejectReturnDocument,
  RequestReturnDocument,
  ReturnByIdDocument,
  StockLedgerDocument,
} from './__generated__/graphql';
import { openShop, orderWhen, placeOrder, shopperWithCart, stockedProduct, stockOf } from './support/checkout-actors';
import { deliveredOrder, watchReturn } from './support/return-actors';
import { duplicatingTransport } from './support/faulty-transports';
import { signInAdmin, type Actor } from './support/shop-actors';
import { startServicesShop } from '../scripts/services-shop';

type Shop = Awaited<ReturnType<typeof startServicesShop>>;

const bounded = { timeout: 60_000, interval: 100 };
const inbox = mailpit();
const ref = (id: string) => id.replace(/-/g, '').slice(0, 8);
const codes = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => (result.errors ?? []).map((error) => error.extensions?.code);

/**
 * Returns end to end through the router, on PostgreSQL, Kafka (every event published twice, so
 * every consumer sees every event redelivered), Redis and Mailpit.
 */
describe('returns through the router, every event delivered twice', () => {
  let shop: Shop;
  let admin: Actor;
  let categoryId: string;
  let ordersDb: DatabaseHandle;

  beforeAll(async () => {
    shop = await startServicesShop({
      wrapTransport: duplicatingTransport,
      subgraphConfig: {
        notifications: {
          mail: {
            transport: { kind: 'smtp', url: testServers.TEST_SMTP_URL },
            storefrontUrl: 'https://shop.test',
            retry: { initialDelayMs: 100, maxDelayMs: 1_000 },
          },
        },
      },
    });
    admin = await signInAdmin(shop.routerUrl, shop.admin);
    ({ categoryId } = await openShop(shop.client, admin));
    const coupon = await shop.client(
      CreatePromotionDocument,
      { input: { name: 'Save 10', kind: 'PERCENTAGE', value: 1000, couponCode: 'SAVE10' } },
      { token: admin.token },
    );
    expect(coupon.data?.createPromotion.errors).toEqual([]);
    ordersDb = await openDatabase({ driver: 'postgres', url: shop.databaseUrl('orders')!, maxConnections: 1 });
  });
  afterAll(async () => {
    await ordersDb?.close();
    await shop?.stop();
  });

  const as = (actor: Actor) => ({ token: actor.token });
  const returnsOf = async (actor: Actor, orderId: string) => (await shop.client(OrderReturnsDocument, { id: orderId }, as(actor))).data!.order!;

  it('returning one of two lines refunds exactly its share, restocks it once, and tells the customer at every step', async () => {
    const teapot = await stockedProduct(shop.client, admin, categoryId, 2500, 5);
    const cup = await stockedProduct(shop.client, admin, categoryId, 1000, 5);
    // 2 x 25.00 + 10.00; SAVE10 takes 5.00 + 1.00; DHL 4.99; VAT 20 % = 11.80: 70.79 captured.
    const { shopper, orderId, order } = await deliveredOrder(
      shop.client,
      shop.routerUrl,
      admin,
      [
        [teapot, 2],
        [cup, 1],
      ],
      'SAVE10',
    );
    expect(order.total).toEqual({ amount: 7079, currency: 'EUR' });
    const cupLine = (await returnsOf(shopper, orderId)).lines.find((line) => line.product.id === cup)!;

    const requested = (
      await shop.client(
        RequestReturnDocument,
        { input: { orderId, lines: [{ lineId: cupLine.lineId, quantity: 1 }], reason: 'The cup arrived chipped' } },
        as(shopper),
      )
    ).data!.requestReturn;
    expect(requested.errors).toEqual([]);
    // The cup's net 9.00 plus 20 % x 9.00 / 58.99 of the 11.80 tax (1.80); shipping stays with the teapots.
    expect(requested.return).toMatchObject({
      status: 'REQUESTED',
      reason: 'The cup arrived chipped',
      refund: { amount: 1080, currency: 'EUR' },
      lines: [{ lineId: cupLine.lineId, quantity: 1 }],
    });
    const returnId = requested.return!.id;
    const watch = watchReturn(shop.routerUrl, shopper, returnId);

    const approved = (await shop.client(ApproveReturnDocument, { returnId, note: 'Sorry about that' }, as(admin))).data!.approveReturn;
    expect(approved).toMatchObject({ errors: [], return: { status: 'APPROVED', note: 'Sorry about that' } });
    const received = (await shop.client(MarkReturnReceivedDocument, { returnId }, as(admin))).data!.markReturnReceived;
    expect(received).toMatchObject({ errors: [], return: { status: 'RECEIVED', refund: { amount: 1080 } } });

    await expect.poll(async () => (await returnsOf(shopper, orderId)).returns[0]!.status, bounded).toBe('REFUNDED');
    const after = await returnsOf(shopper, orderId);
    expect(after.payment).toEqual({ status: 'PARTIALLY_REFUNDED', capturedAmount: { amount: 7079 }, refundedAmount: { amount: 1080 } });
    expect(after.returns[0]!.statusHistory.map((entry) => [entry.position, entry.previousStatus, entry.status, entry.note])).toEqual([
      [1, null, 'REQUESTED', 'The cup arrived chipped'],
      [2, 'REQUESTED', 'APPROVED', 'Sorry about that'],
      [3, 'APPROVED', 'RECEIVED', null],
      [4, 'RECEIVED', 'REFUNDED', null],
    ]);

    // One RESTOCK of exactly the returned unit, with the return as reason, though return.received came twice.
    await expect.poll(() => stockOf(shop.client, cup), bounded).toBe(5);
    const ledger = (await shop.client(StockLedgerDocument, { productId: cup }, as(admin))).data!.stockMovements.edges.map((edge) => edge.node);
    expect(ledger).toEqual([
      { kind: 'RESTOCK', delta: 1, onHandAfter: 5, reason: `return ${returnId}` },
      { kind: 'SALE', delta: -1, onHandAfter: 4, reason: expect.any(String) },
      { kind: 'ADJUSTMENT', delta: 5, onHandAfter: 5, reason: null },
    ]);
    expect(await stockOf(shop.client, teapot)).toBe(3);

    await expect.poll(() => watch.seen.completed, bounded).toBe(true);
    expect(
      watch.seen.events.map((event) => event.data!.returnStatusChanged).map((change) => [change.position, change.status, change.return.refund.amount]),
    ).toEqual([
      [1, 'REQUESTED', 1080],
      [2, 'APPROVED', 1080],
      [3, 'RECEIVED', 1080],
      [4, 'REFUNDED', 1080],
    ]);
    await watch.dispose();

    const me = (await shop.client(MyReturnNotificationsDocument, {}, as(shopper))).data!.me!;
    await expect
      .poll(
        async () =>
          (await shop.client(MyReturnNotificationsDocument, {}, as(shopper)))
            .data!.me!.notifications.edges.filter((e) => e.node.kind === 'RETURN_UPDATED')
            .map((e) => e.node.title),
        bounded,
      )
      .toEqual(['Return refunded', 'Return received', 'Return approved', 'Return requested']);
    // Confirmed, shipped, delivered, then one mail per return status: none twice.
    const mails = await inbox.waitFor(me.email!, 7);
    const subjects = mails.map((mail) => mail.Subject).filter((subject) => subject.startsWith('Return'));
    const tag = `R${ref(returnId)} (order #${ref(orderId)})`;
    expect(subjects).toEqual([`Return requested: ${tag}`, `Return approved: ${tag}`, `Return received: ${tag}`, `Return refunded: ${tag}`]);
    const refundedMail = await inbox.message(mails.find((mail) => mail.Subject === `Return refunded: ${tag}`)!.ID);
    expect(refundedMail.Text).toContain('Refunded: €10.80');
    expect(refundedMail.HTML).toContain('<strong>Refunded:</strong> €10.80');
    expect(refundedMail.Text).toContain(`https://shop.test/orders/${orderId}`);
  });

  it('refuses with typed errors and writes nothing: not delivered, bad input, too many units, not yours, window closed', async () => {
    const kettle = await stockedProduct(shop.client, admin, categoryId, 1500, 10);
    const mug = await stockedProduct(shop.client, admin, categoryId, 700, 10);
    const {
      shopper: ada,
      orderId,
      order,
    } = await deliveredOrder(shop.client, shop.routerUrl, admin, [
      [kettle, 2],
      [mug, 1],
    ]);
    const lines = (await returnsOf(ada, orderId)).lines;
    const kettleLine = lines.find((line) => line.product.id === kettle)!.lineId;
    const mugLine = lines.find((line) => line.product.id === mug)!.lineId;
    const request = async (actor: Actor, input: { orderId: string; lines: Array<{ lineId: string; quantity: number }>; reason: string }) =>
      (await shop.client(RequestReturnDocument, { input }, as(actor))).data!.requestReturn;
    const refusal = async (actor: Actor, input: Parameters<typeof request>[1]) => {
      const payload = await request(actor, input);
      expect(payload.return).toBeNull();
      return payload.errors.map((error) => [error.code, error.field]);
    };
    const kettles = (quantity: number) => [{ lineId: kettleLine, quantity }];

    // Not delivered yet: another shopper's confirmed order.
    const pending = await shopperWithCart(shop.client, shop.routerUrl, [[mug, 1]]);
    const confirmedId = await placeOrder(shop.client, pending.shopper, pending.cartId);
    await orderWhen(shop.client, pending.shopper, confirmedId, ['CONFIRMED']);
    expect(await refusal(pending.shopper, { orderId: confirmedId, lines: [{ lineId: randomUUID(), quantity: 1 }], reason: 'Changed my mind' })).toEqual([
      ['ORDER_NOT_DELIVERED', 'orderId'],
    ]);

    // Bounded input, checked before anything is read.
    expect(await refusal(ada, { orderId, lines: [], reason: '' })).toEqual([
      ['INVALID_REASON', 'reason'],
      ['INVALID_LINES', 'lines'],
    ]);
    expect(await refusal(ada, { orderId, lines: kettles(1), reason: 'x'.repeat(501) })).toEqual([['INVALID_REASON', 'reason']]);
    expect(await refusal(ada, { orderId, lines: Array.from({ length: 51 }, () => ({ lineId: randomUUID(), quantity: 1 })), reason: 'Too many' })).toEqual([
      ['INVALID_LINES', 'lines'],
    ]);
    expect(await refusal(ada, { orderId, lines: [...kettles(1), ...kettles(1)], reason: 'Twice' })).toEqual([['INVALID_LINES', 'lines']]);
    expect(await refusal(ada, { orderId, lines: [{ lineId: randomUUID(), quantity: 1 }], reason: 'Not on the order' })).toEqual([['INVALID_LINES', 'lines']]);
    expect(await refusal(ada, { orderId, lines: kettles(3), reason: 'Three of two' })).toEqual([['RETURN_QUANTITY_EXCEEDED', 'lines']]);

    // Both kettles requested: none is left to ask for, until that return is rejected.
    // 30.00 of the 41.99 taxed (kettles, mug, shipping) carry floor(8.40 x 30.00 / 41.99) = 6.00 of the VAT.
    expect(order.tax).toEqual({ amount: 840 });
    const both = await request(ada, { orderId, lines: kettles(2), reason: 'Too loud' });
    expect(both).toMatchObject({ errors: [], return: { status: 'REQUESTED', refund: { amount: 3600 } } });
    expect(await refusal(ada, { orderId, lines: [...kettles(1), { lineId: mugLine, quantity: 1 }], reason: 'One more' })).toEqual([
      ['RETURN_QUANTITY_EXCEEDED', 'lines'],
    ]);

    // Deciding is for admins; each change starts from its own status.
    const returnId = both.return!.id;
    expect(codes(await shop.client(ApproveReturnDocument, { returnId }, as(ada)))).toEqual(['FORBIDDEN']);
    expect((await shop.client(MarkReturnReceivedDocument, { returnId }, as(admin))).data!.markReturnReceived.errors.map((e) => e.code)).toEqual([
      'INVALID_RETURN_STATUS',
    ]);
    expect((await shop.client(RejectReturnDocument, { returnId, note: 'y'.repeat(501) }, as(admin))).data!.rejectReturn.errors.map((e) => e.code)).toEqual([
      'INVALID_NOTE',
    ]);
    expect((await shop.client(RejectReturnDocument, { returnId, note: 'Used' }, as(admin))).data!.rejectReturn).toMatchObject({
      errors: [],
      return: { status: 'REJECTED', note: 'Used' },
    });
    expect((await shop.client(ApproveReturnDocument, { returnId }, as(admin))).data!.approveReturn).toMatchObject({
      errors: [{ code: 'INVALID_RETURN_STATUS' }],
      return: { status: 'REJECTED' },
    });
    expect((await shop.client(AdminReturnsDocument, { status: 'REJECTED', first: 100 }, as(admin))).data!.returns.map((r) => r.id)).toContain(returnId);
    expect(codes(await shop.client(AdminReturnsDocument, { status: 'REJECTED' }, as(ada)))).toEqual(['FORBIDDEN']);
    const again = await request(ada, { orderId, lines: kettles(1), reason: 'Just one, then' });
    expect(again).toMatchObject({ errors: [], return: { status: 'REQUESTED', refund: { amount: 1800 } } });

    // Customer B never reads or returns Ada's order, nor watches her return.
    const bob = pending.shopper;
    expect(await refusal(bob, { orderId, lines: [{ lineId: mugLine, quantity: 1 }], reason: 'Mine now' })).toEqual([['NOT_FOUND', 'orderId']]);
    expect((await shop.client(OrderReturnsDocument, { id: orderId }, as(bob))).data!.order).toBeNull();
    expect((await shop.client(ReturnByIdDocument, { id: returnId }, as(bob))).data!.return).toBeNull();
    expect((await shop.client(ReturnByIdDocument, { id: returnId }, as(ada))).data!.return).toMatchObject({ id: returnId, status: 'REJECTED' });
    const snooping = watchReturn(shop.routerUrl, bob, returnId);
    await vi.waitFor(() => expect(snooping.seen.events[0]?.errors?.map((e) => e.extensions?.code) ?? snooping.seen.error).toEqual(['NOT_FOUND']), bounded);
    await snooping.dispose();

    // Delivered 31 days ago: outside the 30-day window.
    await ordersDb.db.execute(sql`update orders.order_status_history set at = now() - interval '31 days' where order_id = ${orderId} and status = 'DELIVERED'`);
    expect(await refusal(ada, { orderId, lines: [{ lineId: mugLine, quantity: 1 }], reason: 'Late' })).toEqual([['RETURN_WINDOW_CLOSED', 'orderId']]);

    // Only the two accepted requests were ever written.
    expect((await returnsOf(ada, orderId)).returns.map((r) => [r.status, r.lines.map((line) => line.quantity)])).toEqual([
      ['REJECTED', [2]],
      ['REQUESTED', [1]],
    ]);
    expect(order.status).toBe('DELIVERED');
  });

  it('returning every line, in two returns, refunds exactly the capture', async () => {
    const teapot = await stockedProduct(shop.client, admin, categoryId, 2500, 5);
    const cup = await stockedProduct(shop.client, admin, categoryId, 1000, 5);
    const { shopper, orderId } = await deliveredOrder(
      shop.client,
      shop.routerUrl,
      admin,
      [
        [teapot, 2],
        [cup, 1],
      ],
      'SAVE10',
    );
    const lines = (await returnsOf(shopper, orderId)).lines;
    const lineOf = (product: string) => lines.find((line) => line.product.id === product)!.lineId;
    const refunds: number[] = [];
    for (const [product, quantity] of [
      [cup, 1],
      [teapot, 2],
    ] as const) {
      const requested = (
        await shop.client(RequestReturnDocument, { input: { orderId, lines: [{ lineId: lineOf(product), quantity }], reason: 'Not for me' } }, as(shopper))
      ).data!.requestReturn;
      const returnId = requested.return!.id;
      expect((await shop.client(ApproveReturnDocument, { returnId }, as(admin))).data!.approveReturn.errors).toEqual([]);
      const received = (await shop.client(MarkReturnReceivedDocument, { returnId }, as(admin))).data!.markReturnReceived;
      refunds.push(received.return!.refund.amount);
      await expect.poll(async () => (await shop.client(ReturnByIdDocument, { id: returnId }, as(shopper))).data!.return!.status, bounded).toBe('REFUNDED');
    }
    // The cup's share first, then the teapots with shipping and the rest of the tax: 10.80 + 59.99 = 70.79.
    expect(refunds).toEqual([1080, 5999]);
    expect((await returnsOf(shopper, orderId)).payment).toEqual({ status: 'REFUNDED', capturedAmount: { amount: 7079 }, refundedAmount: { amount: 7079 } });
    await expect.poll(async () => [await stockOf(shop.client, teapot), await stockOf(shop.client, cup)], bounded).toEqual([5, 5]);
  });
});
