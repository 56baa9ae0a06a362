import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@shop/db';
import { mailpit, testServers } from '@shop/testkit';
import {
  ApproveReturnDocument,
  CreatePromotionDocument,
  MarkReturnReceivedDocument,
  MyReturnNotificationsDocument,
  OrderReturnsDocument,
  RequestReturnDocument,
  StockLedgerDocument,
} from './__generated__/graphql';
import { openShop, stockedProduct, stockOf } from './support/checkout-actors';
import { deliveredOrder, watchReturn } from './support/return-actors';
import { duplicatingTransport } from './support/faulty-transports';
import { signInAdmin, type Actor } from './support/shop-actors';
import { startServicesShop } from '../scripts/services-shop';

type Shop = Awaited<ReturnType<typeof startServicesShop>>;

const bounded = { timeout: 60_000, interval: 100 };
const inbox = mailpit();
const ref = (id: string) => id.replace(/-/g, '').slice(0, 8);

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
      subgraphConfig: { notifications: { mail: { transport: { kind: 'smtp', url: testServers.TEST_SMTP_URL }, storefrontUrl: 'https://shop.test', retry: { initialDelayMs: 100, maxDelayMs: 1_000 } } } },
    });
    admin = await signInAdmin(shop.routerUrl, shop.admin);
    ({ categoryId } = await openShop(shop.client, admin));
    const coupon = await shop.client(CreatePromotionDocument, { input: { name: 'Save 10', kind: 'PERCENTAGE', value: 1000, couponCode: 'SAVE10' } }, { token: admin.token });
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
    const { shopper, orderId, order } = await deliveredOrder(shop.client, shop.routerUrl, admin, [[teapot, 2], [cup, 1]], 'SAVE10');
    expect(order.total).toEqual({ amount: 7079, currency: 'EUR' });
    const cupLine = (await returnsOf(shopper, orderId)).lines.find((line) => line.product.id === cup)!;

    const requested = (await shop.client(RequestReturnDocument, { input: { orderId, lines: [{ lineId: cupLine.lineId, quantity: 1 }], reason: 'The cup arrived chipped' } }, as(shopper))).data!.requestReturn;
    expect(requested.errors).toEqual([]);
    // The cup's net 9.00 plus 20 % x 9.00 / 58.99 of the 11.80 tax (1.80); shipping stays with the teapots.
    expect(requested.return).toMatchObject({ status: 'REQUESTED', reason: 'The cup arrived chipped', refund: { amount: 1080, currency: 'EUR' }, lines: [{ lineId: cupLine.lineId, quantity: 1 }] });
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
    expect(watch.seen.events.map((event) => event.data!.returnStatusChanged).map((change) => [change.position, change.status, change.return.refund.amount])).toEqual([
      [1, 'REQUESTED', 1080],
      [2, 'APPROVED', 1080],
      [3, 'RECEIVED', 1080],
      [4, 'REFUNDED', 1080],
    ]);
    await watch.dispose();

    const me = (await shop.client(MyReturnNotificationsDocument, {}, as(shopper))).data!.me!;
    await expect
      .poll(async () => (await shop.client(MyReturnNotificationsDocument, {}, as(shopper))).data!.me!.notifications.edges.filter((e) => e.node.kind === 'RETURN_UPDATED').map((e) => e.node.title), bounded)
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
});
