import type { ExecutionResult } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSubscriptionShop, type SubscriptionShop } from './support/subscription-shop';

const bounded = { timeout: 5_000, interval: 10 };

/** Subscribes and records everything the router sends for this operation. */
function record(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const seen = { events: [] as ExecutionResult[], error: undefined as unknown, completed: false };
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (event) => void seen.events.push(event as ExecutionResult),
      error: (error) => void (seen.error = error),
      complete: () => void (seen.completed = true),
    },
  );
  return { seen, unsubscribe };
}

const reviewAdded = /* GraphQL */ `
  subscription ($productId: ID!) {
    added: reviewAdded(productId: $productId) {
      body
      product {
        name
        price
        priceLabel
      }
    }
  }
`;

describe('subscriptions through the router (graphql-ws)', () => {
  let shop: SubscriptionShop;
  beforeAll(async () => {
    shop = await startSubscriptionShop();
  });
  afterAll(() => shop?.stop());

  const waitForActive = (count: number) => vi.waitFor(() => expect(shop.reviews.stats.active).toBe(count), bounded);

  it('delivers events in order, completed with fields other subgraphs own (@requires included)', async () => {
    const { seen, unsubscribe } = record(shop.client(), reviewAdded, { productId: 'p1' });
    await waitForActive(1);
    for (const n of [1, 2, 3, 4, 5]) await shop.reviews.publish('product:p1', { id: `r${n}`, body: `review ${n}`, productId: 'p1' });

    await vi.waitFor(() => expect(seen.events).toHaveLength(5), bounded);
    expect(seen.events.map((event) => event.data?.added)).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ body: `review ${n}`, product: { name: 'Teapot', price: 2_500, priceLabel: 'EUR 25.00' } })),
    );
    expect(seen.events.every((event) => event.errors === undefined)).toBe(true);
    unsubscribe();
    await waitForActive(0);
  });

  it('an entity that fails to resolve is a coded error in that event; the next event still arrives', async () => {
    const { seen, unsubscribe } = record(shop.client(), reviewAdded, { productId: 'p9' });
    await waitForActive(1);
    await shop.reviews.publish('product:p9', { id: 'r1', body: 'gone', productId: 'gone' });
    await shop.reviews.publish('product:p9', { id: 'r2', body: 'fine', productId: 'p2' });

    await vi.waitFor(() => expect(seen.events).toHaveLength(2), bounded);
    expect(seen.events[0]?.errors?.map((e) => e.extensions?.code)).toContain('NOT_FOUND');
    expect(seen.events[1]).toEqual({ data: { added: { body: 'fine', product: { name: 'Kettle', price: 4_200, priceLabel: 'EUR 42.00' } } } });
    expect(seen.error).toBeUndefined();
    unsubscribe();
    await waitForActive(0);
  });

  it('a field that needs a viewer refuses an anonymous subscriber with UNAUTHENTICATED', async () => {
    const { seen } = record(shop.client(), 'subscription { myReviewAdded { body } }');
    await vi.waitFor(() => expect(seen.completed).toBe(true), bounded);
    expect(seen.events).toHaveLength(1);
    expect(seen.events[0]?.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(shop.reviews.stats.active).toBe(0);
  });

  it('a signed-in subscriber reaches the subgraph as its viewer', async () => {
    const token = await shop.accessToken('user-7');
    const { seen, unsubscribe } = record(shop.client({ authorization: `Bearer ${token}` }), 'subscription { myReviewAdded { body product { name } } }');
    await waitForActive(1);
    await shop.reviews.publish('author:user-7', { id: 'r1', body: 'mine', productId: 'p1' });
    await vi.waitFor(() => expect(seen.events).toEqual([{ data: { myReviewAdded: { body: 'mine', product: { name: 'Teapot' } } } }]), bounded);
    unsubscribe();
    await waitForActive(0);
  });

  it('an invalid access token in connection_init closes the socket with 4401', async () => {
    const { seen } = record(shop.client({ authorization: 'Bearer not-a-jwt' }), reviewAdded, { productId: 'p1' });
    await vi.waitFor(() => expect((seen.error as { code?: number } | undefined)?.code).toBe(4401), bounded);
    expect(shop.reviews.stats.active).toBe(0);
  });

  it('validation errors come back as errors without opening an upstream', async () => {
    const before = shop.reviews.stats.subscribed;
    const { seen } = record(shop.client(), 'subscription { reviewAdded(productId: "p1") { nope } }');
    await vi.waitFor(() => expect(seen.error).toBeDefined(), bounded);
    expect((seen.error as Array<{ extensions?: { code?: string } }>).map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(shop.reviews.stats.subscribed).toBe(before);
  });

  it.each([
    ['a query', 'query { product(id: "p1") { name } }', {}, 'BAD_REQUEST'],
    ['a missing variable', reviewAdded, {}, 'BAD_USER_INPUT'],
    ['a syntax error', 'subscription {', {}, 'GRAPHQL_PARSE_FAILED'],
  ])('%s is refused with an error message', async (_label, query, variables, code) => {
    const { seen } = record(shop.client(), query, variables);
    await vi.waitFor(() => expect(seen.error).toBeDefined(), bounded);
    expect((seen.error as Array<{ extensions?: { code?: string } }>)[0]?.extensions?.code).toBe(code);
  });

  it("a document over the HTTP endpoint's byte limit (padding counts) is refused without opening an upstream", async () => {
    const before = shop.reviews.stats.subscribed;
    const padded = `${reviewAdded} # ${'x'.repeat(40_000)}`;
    const { seen } = record(shop.client(), padded, { productId: 'p1' });
    await vi.waitFor(() => expect(seen.error).toBeDefined(), bounded);
    const bytes = Buffer.byteLength(padded, 'utf8');
    expect(seen.error).toEqual([
      { message: `The document is ${bytes} bytes; the limit is 32768`, extensions: { code: 'BAD_USER_INPUT', limit: 'maxDocumentBytes' } },
    ]);
    expect(shop.reviews.stats.subscribed).toBe(before);
  });

  it('the 11th subscription on one connection is refused; the other ten keep running', async () => {
    const client = shop.client();
    const ten = Array.from({ length: 10 }, () => record(client, reviewAdded, { productId: 'p1' }));
    await waitForActive(10);
    const eleventh = record(client, reviewAdded, { productId: 'p1' });
    await vi.waitFor(() => expect(eleventh.seen.error).toBeDefined(), bounded);
    expect((eleventh.seen.error as Array<{ extensions?: { code?: string } }>)[0]?.extensions?.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect(shop.reviews.stats.active).toBe(10);

    await shop.reviews.publish('product:p1', { id: 'r1', body: 'to all', productId: 'p1' });
    await vi.waitFor(() => expect(ten.every(({ seen }) => seen.events.length === 1)).toBe(true), bounded);
    for (const { unsubscribe } of ten) unsubscribe();
    await waitForActive(0);
  });

  it('a client that disconnects releases its upstream subscription', async () => {
    const client = shop.client();
    const returnedBefore = shop.reviews.stats.returned;
    record(client, reviewAdded, { productId: 'p1' });
    await waitForActive(1);
    await client.dispose();
    await waitForActive(0);
    expect(shop.reviews.stats.returned).toBe(returnedBefore + 1);
  });
});

describe('subscription limits and shutdown', () => {
  let shop: SubscriptionShop;
  beforeAll(async () => {
    shop = await startSubscriptionShop();
  });
  afterAll(() => shop?.stop());

  it('caps connections per client IP and closes sockets with 1001 on shutdown', async () => {
    const router = await shop.startOwnRouter({ subscriptions: { maxConnectionsPerIp: 2 } });
    const closes: number[] = [];
    const socketErrors: string[] = [];
    const open = () => {
      const client = shop.client({}, router.url);
      client.on('closed', (event) => void closes.push((event as { code: number }).code));
      client.on('error', (event) => void socketErrors.push(String((event as { message?: string }).message)));
      return record(client, reviewAdded, { productId: 'p1' });
    };
    open();
    open();
    await vi.waitFor(() => expect(shop.reviews.stats.active).toBe(2), bounded);
    const third = open();
    await vi.waitFor(() => expect(third.seen.error).toBeDefined(), bounded);
    expect(socketErrors.join()).toContain('429');

    await router.stop();
    await vi.waitFor(() => expect(closes.filter((code) => code === 1001)).toHaveLength(2), bounded);
    await vi.waitFor(() => expect(shop.reviews.stats.active).toBe(0), bounded);
  });

  it("the HTTP endpoint's operation limits apply to subscriptions too", async () => {
    const router = await shop.startOwnRouter({ limits: { maxDepth: 2 } });
    const before = shop.reviews.stats.subscribed;
    const { seen } = record(shop.client({}, router.url), reviewAdded, { productId: 'p1' });
    await vi.waitFor(() => expect(seen.error).toBeDefined(), bounded);
    expect((seen.error as Array<{ extensions?: Record<string, unknown> }>)[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: 'maxDepth',
    });
    expect(shop.reviews.stats.subscribed).toBe(before);
    await router.stop();
  });

  it('a socket that never sends connection_init is closed with 4408', async () => {
    const router = await shop.startOwnRouter({ subscriptions: { initTimeoutMs: 50 } });
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(router.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const code = await new Promise<number>((resolve) => socket.once('close', (closeCode: number) => resolve(closeCode)));
    expect(code).toBe(4408);
    await router.stop();
  });
});

describe('a subgraph serves subscriptions only to the router', () => {
  let shop: SubscriptionShop;
  beforeAll(async () => {
    shop = await startSubscriptionShop();
  });
  afterAll(() => shop?.stop());

  const connect = async (connectionParams: Record<string, unknown>) => {
    const { seen } = record(shop.client(connectionParams, shop.reviewsUrl), reviewAdded, { productId: 'p1' });
    await vi.waitFor(() => expect(seen.error ?? seen.events[0]).toBeDefined(), bounded);
    return seen;
  };

  it.each([
    ['no internal token', {}],
    ['a forged internal token', { internalToken: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }],
    ['a client access token', { authorization: 'Bearer x' }],
  ])('%s is closed with 4403 before anything runs', async (_label, params) => {
    const seen = await connect(params);
    expect((seen.error as { code?: number }).code).toBe(4403);
    expect(shop.reviews.stats.subscribed).toBe(0);
  });

  it("a token minted for another subgraph is refused; the subgraph's own is accepted", async () => {
    expect(((await connect({ internalToken: await shop.mintInternalToken('catalog-fixture') })).error as { code?: number }).code).toBe(4403);
    const { seen, unsubscribe } = record(
      shop.client({ internalToken: await shop.mintInternalToken('reviews-fixture') }, shop.reviewsUrl),
      'subscription { reviewAdded(productId: "p1") { body } }',
    );
    await vi.waitFor(() => expect(shop.reviews.stats.active).toBe(1), bounded);
    await shop.reviews.publish('product:p1', { id: 'r1', body: 'direct', productId: 'p1' });
    await vi.waitFor(() => expect(seen.events).toEqual([{ data: { reviewAdded: { body: 'direct' } } }]), bounded);
    unsubscribe();
    await vi.waitFor(() => expect(shop.reviews.stats.active).toBe(0), bounded);
  });
});
