import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, mailpit, testServers, type GraphQLResponse } from '@shop/testkit';
import {
  AddToCartDocument,
  ClaimGuestOrdersDocument,
  RegisterDocument,
  GuestAddToCartDocument,
  GuestCartDocument,
  GuestOrderDocument,
  GuestPlaceOrderDocument,
  MergeGuestCartDocument,
  SetShippingAddressDocument,
  type GuestAddToCartMutation,
} from './__generated__/graphql';
import { startServicesShop } from '../scripts/services-shop';
import { address, openShop, stockedProduct, watchOrder } from './support/checkout-actors';
import { strongPassword, uniqueEmail } from './support/embedded-shop';
import { newCustomer, signInAdmin, whenKnown, type Actor } from './support/shop-actors';

const inbox = mailpit();
const ref = (orderId: string) => `#${orderId.replace(/-/g, '').slice(0, 8)}`;
const asGuest = (cartToken: string) => ({ headers: { 'x-cart-token': cartToken } });
type Added = GuestAddToCartMutation['addToCart'];

/** Guest checkout through the router on PostgreSQL, Kafka and Redis, with mails to the shared Mailpit. */
describe('guest checkout: a cart token instead of an account', () => {
  let shop: Awaited<ReturnType<typeof startServicesShop>>;
  let admin: Actor;
  let productA: string;
  let productB: string;

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
    admin = await signInAdmin(shop.routerUrl, shop.admin);
    const { categoryId } = await openShop(shop.client, admin);
    productA = await stockedProduct(shop.client, admin, categoryId, 2500, 50);
    productB = await stockedProduct(shop.client, admin, categoryId, 1000, 200);
  });
  afterAll(() => shop?.stop());

  /** A new guest: the first addToCart without a token returns one (retried with it while orders has not heard of the product yet). */
  const newGuest = async (productId: string, quantity: number): Promise<{ cartToken: string; added: Added }> => {
    const first = (await shop.client(GuestAddToCartDocument, { productId, quantity })).data!.addToCart;
    const cartToken = first.cartToken!;
    if (first.errors.length === 0) return { cartToken, added: first };
    return {
      cartToken,
      added: await whenKnown(async () => (await shop.client(GuestAddToCartDocument, { productId, quantity }, asGuest(cartToken))).data?.addToCart),
    };
  };
  const addAsGuest = async (cartToken: string, productId: string, quantity: number) =>
    (await shop.client(GuestAddToCartDocument, { productId, quantity }, asGuest(cartToken))).data!.addToCart;
  const guestCart = async (cartToken: string) => (await shop.client(GuestCartDocument, {}, asGuest(cartToken))).data!.cart;

  it('a guest builds a cart, orders with a contact e-mail, follows the order with its token and gets the confirmation mail', async () => {
    const { cartToken, added } = await newGuest(productA, 2);
    expect(cartToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(added.errors).toEqual([]);
    const again = await addAsGuest(cartToken, productB, 1);
    expect(again).toEqual({ cartToken: null, cart: { id: added.cart.id, itemCount: 3, owner: null }, errors: [] });
    await shop.client(SetShippingAddressDocument, { input: address }, asGuest(cartToken));
    // 2 x 25.00 + 10.00 = 60.00, DHL 4.99, GB VAT 20 % on both: 77.99.
    expect((await guestCart(cartToken)).total).toEqual({ amount: 7799, currency: 'EUR' });

    const place = (contactEmail: string | null, idempotencyKey = randomUUID()) =>
      shop.client(GuestPlaceOrderDocument, { cartId: added.cart.id, idempotencyKey, paymentToken: 'tok_visa', contactEmail }, asGuest(cartToken));
    expect((await place(null)).data!.placeOrder).toEqual({ order: null, errors: [{ code: 'CONTACT_EMAIL_REQUIRED', field: 'contactEmail' }] });
    expect((await place('not-an-address')).data!.placeOrder).toEqual({ order: null, errors: [{ code: 'INVALID_CONTACT_EMAIL', field: 'contactEmail' }] });
    // Refused twice, nothing written: the cart is still open with its lines.
    expect(await guestCart(cartToken)).toMatchObject({ id: added.cart.id, itemCount: 3 });

    const email = uniqueEmail('guest');
    const key = randomUUID();
    const placed = (await place(`  ${email.toUpperCase()} `, key)).data!.placeOrder;
    expect(placed.errors).toEqual([]);
    expect(placed.order).toEqual({ id: expect.any(String), status: 'PENDING', contactEmail: email, customer: null });
    const orderId = placed.order!.id;
    // The same key again is the same order (a retried request), never a second one.
    expect((await place(email, key)).data!.placeOrder.order?.id).toBe(orderId);

    const watch = watchOrder(shop.routerUrl, null, orderId, cartToken);
    try {
      await eventually(() => watch.seen.events.some((event) => event.data?.orderStatusChanged.status === 'CONFIRMED'), { timeoutMs: 120_000 });
      expect(watch.seen.error).toBeUndefined();
      expect(watch.seen.events.map((event) => event.data!.orderStatusChanged.status).slice(0, 5)).toEqual([
        'PENDING',
        'PRICED',
        'STOCK_RESERVED',
        'PAID',
        'CONFIRMED',
      ]);
    } finally {
      await watch.dispose();
    }
    const order = (await shop.client(GuestOrderDocument, { id: orderId }, asGuest(cartToken))).data!.order;
    expect(order).toEqual({
      id: orderId,
      status: 'CONFIRMED',
      contactEmail: email,
      customer: null,
      total: { amount: 7799, currency: 'EUR' },
      payment: { status: 'CAPTURED' },
      shipment: { status: 'PENDING' },
    });

    const [mail] = await inbox.waitFor(email, 1);
    expect(mail!.Subject).toBe(`Order ${ref(orderId)} confirmed`);
    expect((await inbox.message(mail!.ID)).Text).toContain('77.99');

    // The token lives on: the guest's next cart is a new, empty one.
    expect(await guestCart(cartToken)).toMatchObject({ itemCount: 0, owner: null });
    expect((await guestCart(cartToken)).id).not.toBe(added.cart.id);
  });

  it("a guest token never reads another guest's cart or order, nor a customer's", async () => {
    const first = await newGuest(productA, 1);
    const second = await newGuest(productB, 1);
    expect(first.added.cart.id).not.toBe(second.added.cart.id);
    expect((await guestCart(second.cartToken)).id).toBe(second.added.cart.id);
    await shop.client(SetShippingAddressDocument, { input: address }, asGuest(first.cartToken));
    const placed = await shop.client(
      GuestPlaceOrderDocument,
      { cartId: first.added.cart.id, idempotencyKey: randomUUID(), paymentToken: 'tok_visa', contactEmail: uniqueEmail('first') },
      asGuest(first.cartToken),
    );
    const orderId = placed.data!.placeOrder.order!.id;

    // Another guest, a customer and an anonymous caller see no such order.
    expect((await shop.client(GuestOrderDocument, { id: orderId }, asGuest(second.cartToken))).data).toEqual({ order: null });
    const customer = await newCustomer(shop.routerUrl);
    expect((await shop.client(GuestOrderDocument, { id: orderId }, { token: customer.token })).data).toEqual({ order: null });
    expect((await shop.client(GuestOrderDocument, { id: orderId })).data).toEqual({ order: null });
    // Nor can another guest order a cart that is not theirs.
    const stolen = await shop.client(
      GuestPlaceOrderDocument,
      { cartId: second.added.cart.id, idempotencyKey: randomUUID(), paymentToken: 'tok_visa', contactEmail: uniqueEmail('thief') },
      asGuest(first.cartToken),
    );
    expect(stolen.data!.placeOrder).toEqual({ order: null, errors: [{ code: 'CART_NOT_FOUND', field: 'cartId' }] });

    // No token: UNAUTHENTICATED; a made-up token of the right shape: UNAUTHENTICATED; a malformed one: 400 BAD_USER_INPUT.
    const code = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;
    expect(code(await shop.client(GuestCartDocument, {}))).toBe('UNAUTHENTICATED');
    expect(code(await shop.client(GuestCartDocument, {}, asGuest('A'.repeat(43))))).toBe('UNAUTHENTICATED');
    const malformed = await shop.client(GuestCartDocument, {}, asGuest('not-a-token'));
    expect([malformed.status, code(malformed)]).toEqual([400, 'BAD_USER_INPUT']);
  });

  it('a customer who verified the address a guest ordered with claims those orders, once', async () => {
    const email = uniqueEmail('claimer');
    const { cartToken, added } = await newGuest(productA, 1);
    await shop.client(SetShippingAddressDocument, { input: address }, asGuest(cartToken));
    const placed = await shop.client(
      GuestPlaceOrderDocument,
      { cartId: added.cart.id, idempotencyKey: 'checkout-1', paymentToken: 'tok_visa', contactEmail: email },
      asGuest(cartToken),
    );
    const orderId = placed.data!.placeOrder.order!.id;
    const guestView = async () => (await shop.client(GuestOrderDocument, { id: orderId }, asGuest(cartToken))).data!.order;
    // Paid and shipped as the guest first, so the claim has a payment and a shipment to move.
    // The shipment exists a step before the orchestrator records CONFIRMED: wait for both.
    const confirmed = await eventually(
      async () => {
        const view = await guestView();
        return view?.shipment && view.status === 'CONFIRMED' ? view : null;
      },
      { timeoutMs: 60_000 },
    );
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', customer: null, payment: { status: 'CAPTURED' }, shipment: { status: 'PENDING' } });

    const session = (await shop.client(RegisterDocument, { input: { email, password: strongPassword, name: 'Ada Lovelace' } })).data!.register.session!;
    const as = { token: session.accessToken };
    const claim = async () => (await shop.client(ClaimGuestOrdersDocument, {}, as)).data!.claimGuestOrders;
    expect(await claim()).toEqual({ orders: [], errors: [{ code: 'EMAIL_NOT_VERIFIED' }] });
    // Another customer who verified nothing claims nothing either.
    const stranger = await newCustomer(shop.routerUrl);
    expect((await shop.client(ClaimGuestOrdersDocument, {}, { token: stranger.token })).data!.claimGuestOrders.errors).toEqual([
      { code: 'EMAIL_NOT_VERIFIED' },
    ]);

    await shop.client('mutation { requestEmailVerification }', {}, as);
    const mail = await eventually(async () => (await inbox.waitFor(email, 1)).find((m) => m.Subject === 'Confirm your e-mail address'), { timeoutMs: 60_000 });
    const token = /\/verify-email\?token=([A-Za-z0-9_-]{43})/.exec((await inbox.message(mail.ID)).Text)![1]!;
    expect((await shop.client('mutation($token: String!) { verifyEmail(token: $token) { ok } }', { token })).data).toEqual({ verifyEmail: { ok: true } });

    // orders hears of the verification a moment later; the first claim that succeeds takes the order.
    const claimed = await eventually(async () => {
      const answer = await claim();
      return answer.errors.length === 0 ? answer : null;
    });
    expect(claimed).toEqual({ orders: [{ id: orderId, contactEmail: email, customer: { id: session.user.id } }], errors: [] });
    expect(await claim()).toEqual({ orders: [], errors: [] });
    // order.claimed moves the payment and the shipment to the customer: their account reads them.
    const customerView = await eventually(async () => {
      const order = (await shop.client(GuestOrderDocument, { id: orderId }, as)).data!.order;
      return order?.payment && order.shipment ? order : null;
    });
    expect(customerView).toMatchObject({
      id: orderId,
      status: 'CONFIRMED',
      customer: { id: session.user.id },
      payment: { status: 'CAPTURED' },
      shipment: { status: 'PENDING' },
    });
    // The guest's token still reads the order and its status; its payment and shipment are the account's now.
    expect(await guestView()).toMatchObject({ id: orderId, status: 'CONFIRMED', customer: { id: session.user.id }, payment: null, shipment: null });
  });

  it('signing in merges the guest cart into the account cart once, within the line limit', async () => {
    const guest = await newGuest(productA, 2);
    await addAsGuest(guest.cartToken, productB, 98);
    const customer = await newCustomer(shop.routerUrl);
    const own = await whenKnown(
      async () => (await shop.client(AddToCartDocument, { productId: productB, quantity: 5 }, { token: customer.token })).data?.addToCart,
    );
    expect(own.errors).toEqual([]);

    const merge = () => shop.client(MergeGuestCartDocument, {}, { token: customer.token, headers: { 'x-cart-token': guest.cartToken } });
    const merged = (await merge()).data!.mergeGuestCart;
    expect(merged.cart.id).toBe(own.cart.id);
    // B: 5 + 98 caps at 99 (4 units stay out, said so); A: 2 join as a new line.
    expect(merged.cart.items.map((item) => [item.product.id, item.quantity])).toEqual([
      [productB, 99],
      [productA, 2],
    ]);
    expect(merged.errors.map(({ code, field }) => ({ code, field }))).toEqual([{ code: 'INVALID_QUANTITY', field: 'variantId' }]);
    expect(merged.errors[0]!.message).toContain('4 of');

    // Again (a retried request, a second tab): nothing more is added.
    const twice = (await merge()).data!.mergeGuestCart;
    expect(twice).toEqual({ ...merged, errors: [] });
    // The guest cart is closed: its token now opens a new empty cart.
    expect(await guestCart(guest.cartToken)).toMatchObject({ itemCount: 0, owner: null });
    // Without a session it is UNAUTHENTICATED, without a token BAD_USER_INPUT.
    expect((await shop.client(MergeGuestCartDocument, {}, asGuest(guest.cartToken))).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await shop.client(MergeGuestCartDocument, {}, { token: customer.token })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
