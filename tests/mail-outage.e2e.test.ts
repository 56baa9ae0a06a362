import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@shop/db';
import { startOwnMailpit, type OwnMailpit } from '@shop/testkit';
import { startServicesShop } from '../scripts/services-shop';
import { openShop, orderWhen, placeOrder, shopperWithCart, stockedProduct } from './support/checkout-actors';
import { signInAdmin } from './support/shop-actors';

const ORDERS = 20;
const OUTAGE_MS = 20_000;
const ref = (orderId: string) => `#${orderId.replace(/-/g, '').slice(0, 8)}`;
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/**
 * The SMTP outage, through the router on PostgreSQL, Kafka and Redis: the shop's SMTP server
 * (a Mailpit of this file's own) is stopped for 20 s while 20 customers order; every order still
 * confirms, and once the server is back each customer gets exactly one confirmation mail.
 */
describe('an SMTP outage during 20 checkouts', () => {
  let own: OwnMailpit;
  let shop: Awaited<ReturnType<typeof startServicesShop>>;

  beforeAll(async () => {
    own = await startOwnMailpit('checkout-outage', 10451, 18451);
    shop = await startServicesShop({
      router: { rateLimit: { max: 0 } },
      subgraphConfig: {
        notifications: {
          mail: { transport: { kind: 'smtp', url: own.smtpUrl }, storefrontUrl: 'https://shop.test', retry: { initialDelayMs: 200, maxDelayMs: 1_000 } },
        },
      },
    });
  }, 120_000);
  afterAll(async () => {
    await shop?.stop();
    await own?.remove();
  });

  it('confirms every order while mail is down and delivers all 20 confirmations once it is back, none twice', async () => {
    const admin = await signInAdmin(shop.routerUrl, shop.admin);
    const { categoryId } = await openShop(shop.client, admin);
    const product = await stockedProduct(shop.client, admin, categoryId, 1200, ORDERS);
    const shoppers = await Promise.all(Array.from({ length: ORDERS }, () => shopperWithCart(shop.client, shop.routerUrl, [[product, 1]])));
    const emails = await Promise.all(
      shoppers.map(
        async ({ shopper }) =>
          (await shop.client<{ me: { email: string } }, Record<string, never>>('query { me { email } }', {}, { token: shopper.token })).data!.me.email,
      ),
    );

    await own.stop();
    const stoppedAt = Date.now();
    const orderIds = await Promise.all(shoppers.map(({ shopper, cartId }) => placeOrder(shop.client, shopper, cartId)));
    await Promise.all(orderIds.map((id, i) => orderWhen(shop.client, shoppers[i]!.shopper, id, ['CONFIRMED'])));
    // The mails are queued and have failed against the stopped server.
    const notifications = await openDatabase({ driver: 'postgres', url: shop.databaseUrl('notifications')!, maxConnections: 1 });
    try {
      const attempted = async () =>
        rowsOf<{ n: number }>(
          await notifications.db.execute(
            sql`select count(*)::int as n from notifications.mail_outbox where template = 'ORDER_CONFIRMED' and attempts > 0 and sent_at is null`,
          ),
        )[0]!.n;
      await expect.poll(attempted, { timeout: 60_000, interval: 200 }).toBe(ORDERS);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
      await own.start();

      const arrived = await Promise.all(emails.map(async (email) => (await own.api.waitFor(email, 1, 90_000)).filter((m) => m.Subject.startsWith('Order '))));
      expect(arrived.map((mails) => mails.map((m) => m.Subject))).toEqual(orderIds.map((id) => [`Order ${ref(id)} confirmed`]));
      const sent = rowsOf<{ n: number }>(
        await notifications.db.execute(
          sql`select count(*)::int as n from notifications.mail_outbox where template = 'ORDER_CONFIRMED' and sent_at is not null`,
        ),
      )[0]!.n;
      expect(sent).toBe(ORDERS);
    } finally {
      await notifications.close();
    }
  }, 300_000);
});
