import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailpit, testServers } from '@shop/testkit';
import { RegisterDocument } from './__generated__/graphql';
import { startServicesShop } from '../scripts/services-shop';
import { openShop, orderWhen, placeOrder, shopperWithCart, stockedProduct } from './support/checkout-actors';
import { strongPassword, uniqueEmail } from './support/embedded-shop';
import { signInAdmin, type Actor } from './support/shop-actors';

const inbox = mailpit();
const tokenIn = (text: string, path: string) => new RegExp(`/${path}\\?token=([A-Za-z0-9_-]{43})`).exec(text)?.[1];
const ref = (orderId: string) => `#${orderId.replace(/-/g, '').slice(0, 8)}`;

const ops = {
  me: 'query { me { id email emailVerified } }',
  requestReset: 'mutation($email: String!) { requestPasswordReset(email: $email) }',
  reset: 'mutation($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) { ok errors { code field } } }',
  requestVerification: 'mutation { requestEmailVerification }',
  verify: 'mutation($token: String!) { verifyEmail(token: $token) { ok errors { code field } } }',
  refresh: 'mutation($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { session { accessToken } errors { code } } }',
  login: 'mutation($input: LoginInput!) { login(input: $input) { session { accessToken } errors { code } } }',
};

/** Mails through the router on PostgreSQL, Kafka and Redis, sent by notifications to the shared Mailpit. */
describe('e-mail through the router to a real SMTP server', () => {
  let shop: Awaited<ReturnType<typeof startServicesShop>>;

  beforeAll(async () => {
    shop = await startServicesShop({
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
  });
  afterAll(() => shop?.stop());

  const register = async (name: string) => {
    const email = uniqueEmail(name);
    const result = await shop.client(RegisterDocument, { input: { email, password: strongPassword, name: 'Ada Lovelace' } });
    const session = result.data!.register.session!;
    return { email, userId: session.user.id, token: session.accessToken, refreshToken: session.refreshToken };
  };

  it("a placed order's confirmation mail arrives at the shopper's address", async () => {
    const admin: Actor = await signInAdmin(shop.routerUrl, shop.admin);
    const { categoryId } = await openShop(shop.client, admin);
    const product = await stockedProduct(shop.client, admin, categoryId, 2500, 3);
    const { shopper, cartId } = await shopperWithCart(shop.client, shop.routerUrl, [[product, 1]]);
    const orderId = await placeOrder(shop.client, shopper, cartId);
    await orderWhen(shop.client, shopper, orderId, ['CONFIRMED']);
    const me = await shop.client<{ me: { email: string } }, Record<string, never>>(ops.me, {}, { token: shopper.token });
    const [mail] = await inbox.waitFor(me.data!.me.email, 1);
    expect(mail!.Subject).toBe(`Order ${ref(orderId)} confirmed`);
    const body = await inbox.message(mail!.ID);
    expect(body.Text).toContain(`https://shop.test/orders/${orderId}`);
  });

  it('a password reset token works once, then is refused; refresh tokens from before the reset are refused', async () => {
    const user = await register('reset');
    expect((await shop.client(ops.requestReset, { email: user.email.toUpperCase() })).data).toEqual({ requestPasswordReset: true });
    const [mail] = await inbox.waitFor(user.email, 1);
    expect(mail!.Subject).toBe('Reset your password');
    const token = tokenIn((await inbox.message(mail!.ID)).Text, 'reset-password')!;
    expect(token).toHaveLength(43);

    const weak = await shop.client(ops.reset, { token, newPassword: 'short' });
    expect(weak.data).toEqual({ resetPassword: { ok: false, errors: [{ code: 'WEAK_PASSWORD', field: 'newPassword' }] } });
    const newPassword = 'a-brand-new-horse-42';
    expect((await shop.client(ops.reset, { token, newPassword })).data).toEqual({ resetPassword: { ok: true, errors: [] } });
    expect((await shop.client(ops.reset, { token, newPassword: 'another-new-horse-43' })).data).toEqual({
      resetPassword: { ok: false, errors: [{ code: 'TOKEN_INVALID', field: 'token' }] },
    });
    expect((await shop.client(ops.refresh, { refreshToken: user.refreshToken })).data).toEqual({
      refreshToken: { session: null, errors: [{ code: 'INVALID_REFRESH_TOKEN' }] },
    });
    expect((await shop.client(ops.login, { input: { email: user.email, password: strongPassword } })).data).toEqual({
      login: { session: null, errors: [{ code: 'INVALID_CREDENTIALS' }] },
    });
    const login = await shop.client<{ login: { session: { accessToken: string } | null } }, { input: { email: string; password: string } }>(ops.login, {
      input: { email: user.email, password: newPassword },
    });
    expect(login.data!.login.session?.accessToken).toEqual(expect.any(String));
    const mails = await inbox.waitFor(user.email, 2);
    expect(mails.map((m) => m.Subject)).toEqual(['Reset your password', 'Your password was changed']);
  });

  it('answers a reset request for an unknown address exactly like a known one, and refuses a made-up token', async () => {
    expect((await shop.client(ops.requestReset, { email: uniqueEmail('nobody') })).data).toEqual({ requestPasswordReset: true });
    expect((await shop.client(ops.requestReset, { email: 'not an address' })).data).toEqual({ requestPasswordReset: true });
    expect((await shop.client(ops.reset, { token: 'x'.repeat(43), newPassword: 'a-brand-new-horse-42' })).data).toEqual({
      resetPassword: { ok: false, errors: [{ code: 'TOKEN_INVALID', field: 'token' }] },
    });
  });

  it('verifies the e-mail address with a mailed one-time token', async () => {
    const user = await register('verify');
    const me = () => shop.client<{ me: { emailVerified: boolean } }, Record<string, never>>(ops.me, {}, { token: user.token });
    expect((await me()).data!.me.emailVerified).toBe(false);
    expect((await shop.client(ops.requestVerification, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await shop.client(ops.requestVerification, {}, { token: user.token })).data).toEqual({ requestEmailVerification: true });
    const [mail] = await inbox.waitFor(user.email, 1);
    expect(mail!.Subject).toBe('Confirm your e-mail address');
    const token = tokenIn((await inbox.message(mail!.ID)).Text, 'verify-email')!;
    expect((await shop.client(ops.verify, { token })).data).toEqual({ verifyEmail: { ok: true, errors: [] } });
    expect((await me()).data!.me.emailVerified).toBe(true);
    expect((await shop.client(ops.verify, { token })).data).toEqual({ verifyEmail: { ok: false, errors: [{ code: 'TOKEN_INVALID', field: 'token' }] } });
  });
});
