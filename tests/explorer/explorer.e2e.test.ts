import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateCategoryDocument } from '../__generated__/graphql';
import { openShop, placeOrder, shopperWithCart, stockedProduct } from '../support/checkout-actors';
import { startShop } from '../support/embedded-shop';
import { signInAdmin, type Actor } from '../support/shop-actors';
import { launchOfflineBrowser, type OfflineBrowser } from './browser';

const orderStatusChanged = `subscription Watch($orderId: ID!) {
  orderStatusChanged(orderId: $orderId) { position status order { id } }
}`;

/** The response pane's text (CodeMirror draws it line by line; the top lines are what we read). */
const responseText = (page: Page) => page.locator('.result-window').innerText();

/**
 * GraphiQL as a developer meets it: `npm start`'s endpoint opened in a real (headless) Chromium
 * that cannot reach the internet. Nothing may be fetched from a CDN; queries go over HTTP with
 * JSON, subscriptions over graphql-ws, the token from the Headers editor.
 */
describe('the local explorer in a browser', () => {
  let shop: Awaited<ReturnType<typeof startShop>>;
  let browser: OfflineBrowser;
  let shopper: Actor;
  let orderId: string;
  let productId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    shop = await startShop();
    const admin = await signInAdmin(shop.routerUrl, shop.admin);
    const { categoryId } = await openShop(shop.client, admin);
    const clothing = await shop.client(CreateCategoryDocument, { input: { slug: 'clothing', name: 'Clothing' } }, { token: admin.token });
    productId = await stockedProduct(shop.client, admin, clothing.data!.createCategory.category!.id, 4900, 3);
    const ordered = await stockedProduct(shop.client, admin, categoryId, 1000, 3);
    const cart = await shopperWithCart(shop.client, shop.routerUrl, [[ordered, 1]]);
    shopper = cart.shopper;
    orderId = await placeOrder(shop.client, shopper, cart.cartId);
    browser = await launchOfflineBrowser();
    browser.context.on('weberror', (error) => void pageErrors.push(error.error().message));
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.stop();
  });

  it('opens on GET /graphql, runs the storefront query and shows the result', async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(shop.routerUrl);
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => responseText(page), { timeout: 20_000, interval: 100 }).toContain('"totalCount": 1');
    const text = await responseText(page);
    expect(text).toContain(`"id": "${productId}"`);
    expect(text).toContain('"amount": 4900');
    expect(text).toContain('"name": "Clothing"');
    await page.close();
  });

  it('runs a subscription over graphql-ws with the bearer token from the Headers editor', async () => {
    const page = await browser.context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (socket) => void sockets.push(socket.url()));
    const params = new URLSearchParams({
      query: orderStatusChanged,
      variables: JSON.stringify({ orderId }),
      headers: JSON.stringify({ Authorization: `Bearer ${shopper.token}` }),
    });
    await page.goto(`${shop.routerUrl}?${params}`);
    await page.locator('.graphiql-execute-button').click();
    // The pane shows the latest event: history first, then each change until the saga confirms.
    await expect.poll(() => responseText(page), { timeout: 30_000, interval: 100 }).toContain('"status": "CONFIRMED"');
    const text = await responseText(page);
    expect(text).toContain('"position": 5');
    expect(text).toContain(`"id": "${orderId}"`);
    expect(sockets).toEqual([shop.routerUrl.replace(/^http/, 'ws')]);
    mkdirSync('.artifacts', { recursive: true });
    await page.screenshot({ path: '.artifacts/explorer.png' });
    await page.close();
  });

  it('keeps Apollo Sandbox at ?sandbox and answers API clients as before', async () => {
    const sandbox = await fetch(`${shop.routerUrl}?sandbox`, { headers: { accept: 'text/html' } });
    expect(sandbox.status).toBe(200);
    expect(await sandbox.text()).toContain('embeddable-sandbox');
    const api = await fetch(shop.routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('asked for nothing off the machine and raised no page errors', () => {
    expect(browser.blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
