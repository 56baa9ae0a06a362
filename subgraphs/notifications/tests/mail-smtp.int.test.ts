import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailpit, startOwnMailpit, startSubgraphHarness, testServers, type OwnMailpit, type SubgraphHarness } from '@shop/testkit';
import { notificationsModule } from '../src';
import { mailOutbox } from '../src/db/schema';
import { events, feed } from './helpers';

const inbox = mailpit();
const address = (label: string) => `${label}.${randomUUID()}@example.com`;
const ref = (orderId: string) => `#${orderId.replace(/-/g, '').slice(0, 8)}`;
const retry = { initialDelayMs: 100, maxDelayMs: 1_000 };

describe('mails through a real SMTP server (Mailpit)', () => {
  let harness: SubgraphHarness;
  let events$: ReturnType<typeof feed>;

  beforeAll(async () => {
    harness = await startSubgraphHarness({
      module: notificationsModule,
      config: {
        mail: { transport: { kind: 'smtp', url: testServers.TEST_SMTP_URL }, from: 'Shop <orders@shop.test>', storefrontUrl: 'https://shop.test', retry },
      },
      backend: 'postgres',
    });
    events$ = feed(harness);
  });
  afterAll(() => harness?.stop());

  it("mails an order's confirmation, shipment (with tracking) and delivery to the address from user.registered", async () => {
    const userId = randomUUID();
    const email = address('buyer');
    const orderId = randomUUID();
    await events$.deliver(events.registered(userId, email));
    await events$.deliver(events.confirmed(userId, orderId, 12_345));
    await events$.deliver(events.shipped(userId, orderId));
    await events$.deliver(events.delivered(userId, orderId));
    const mails = await inbox.waitFor(email, 3);
    expect(mails.map((m) => m.Subject)).toEqual([`Order ${ref(orderId)} confirmed`, `Order ${ref(orderId)} shipped`, `Order ${ref(orderId)} delivered`]);
    expect(mails.every((m) => m.From.Address === 'orders@shop.test')).toBe(true);
    const confirmation = await inbox.message(mails[0]!.ID);
    expect(confirmation.Text).toContain('Hello Ada Lovelace,');
    expect(confirmation.Text).toContain('Total paid: €123.45');
    expect(confirmation.Text).toContain(`https://shop.test/orders/${orderId}`);
    expect(confirmation.HTML).toContain('<strong>Total paid:</strong> €123.45');
    const shipped = await inbox.message(mails[1]!.ID);
    expect(shipped.Text).toContain('Carrier: DHL');
    expect(shipped.Text).toContain('Tracking number: JD0146000031');
  });

  it('a redelivered order.confirmed sends one mail', async () => {
    const userId = randomUUID();
    const email = address('twice');
    await events$.deliver(events.registered(userId, email));
    const confirmed = events.confirmed(userId);
    const marker = events.cancelled(userId, 'Another order', randomUUID());
    await events$.deliverTwice(confirmed, marker);
    // The marker's mail was queued after both copies were consumed, and mails leave in order.
    const mails = await inbox.waitFor(email, 2);
    expect(mails.map((m) => m.Subject)).toEqual([`Order ${ref(confirmed.aggregateId)} confirmed`, `Order ${ref(marker.aggregateId)} cancelled`]);
    const rows = await harness.platform.database.db.select().from(mailOutbox).where(eq(mailOutbox.sourceEventId, confirmed.id));
    expect(rows).toHaveLength(1);
  });

  it('mails a password reset token to the address in the event, and keeps no token once sent', async () => {
    const userId = randomUUID();
    const email = address('reset');
    const token = 'tok_' + randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '');
    const event = events.passwordResetRequested(userId, email, token);
    await events$.deliver(event);
    const [mail] = await inbox.waitFor(email, 1);
    expect(mail!.Subject).toBe('Reset your password');
    const body = await inbox.message(mail!.ID);
    expect(body.Text).toContain(`https://shop.test/reset-password?token=${token}`);
    const [row] = await harness.platform.database.db.select().from(mailOutbox).where(eq(mailOutbox.sourceEventId, event.id));
    expect(row).toMatchObject({ template: 'PASSWORD_RESET', data: null, toAddress: email });
    expect(row!.sentAt).toBeInstanceOf(Date);
  });
});

describe('an SMTP outage', () => {
  let own: OwnMailpit;
  let harness: SubgraphHarness;

  beforeAll(async () => {
    own = await startOwnMailpit('outage', 10351, 18351);
    harness = await startSubgraphHarness({
      module: notificationsModule,
      config: { mail: { transport: { kind: 'smtp', url: own.smtpUrl }, retry } },
      backend: 'postgres',
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await own?.remove();
  });

  it('20 order confirmations during a ~20 s outage: all 20 arrive once the server is back, none twice', async () => {
    const events$ = feed(harness);
    const userId = randomUUID();
    const email = address('outage');
    await events$.deliver(events.registered(userId, email));
    await own.stop();
    const stoppedAt = Date.now();
    const orders = Array.from({ length: 20 }, () => events.confirmed(userId));
    for (const order of orders) await events$.deliver(order);
    // Every mail is queued and none could leave: each has failed attempts recorded.
    const db = harness.platform.database.db;
    await expect
      .poll(async () => (await db.select().from(mailOutbox).where(eq(mailOutbox.recipientId, userId))).filter((r) => r.attempts > 0 && r.lastError).length, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    // Hold the outage for about 20 s in all (the retry backoff caps at 1 s, so it retries through it).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 20_000 - (Date.now() - stoppedAt))));
    await own.start();
    const mails = await own.api.waitFor(email, 20, 90_000);
    const subjects = mails.map((m) => m.Subject).sort();
    expect(subjects).toEqual(orders.map((o) => `Order ${ref(o.aggregateId)} confirmed`).sort());
    expect(new Set(mails.map((m) => m.MessageID)).size).toBe(20);
    const rows = await db.select().from(mailOutbox).where(eq(mailOutbox.recipientId, userId));
    expect(rows.filter((r) => r.template === 'ORDER_CONFIRMED' && r.sentAt !== null)).toHaveLength(20);
  }, 180_000);
});
