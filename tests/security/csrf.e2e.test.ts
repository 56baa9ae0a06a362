import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginDocument, RegisterDocument } from '../__generated__/graphql';
import { startShop, strongPassword, uniqueEmail } from '../support/embedded-shop';

/**
 * A browser can send GET, urlencoded and text/plain POSTs cross-site without a preflight; the
 * router must run no mutation from them (Apollo CSRF prevention and GET-is-query-only).
 */
describe('mutations a browser could forge are refused', () => {
  let shop: Awaited<ReturnType<typeof startShop>>;
  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.stop());

  const register = (email: string) => ({
    query: print(RegisterDocument),
    variables: { input: { email, password: strongPassword, name: 'Mallory' } },
  });

  const expectNoAccount = async (email: string) => {
    const login = await shop.client(LoginDocument, { input: { email, password: strongPassword } });
    expect(login.data?.login.errors.map((e) => e.code)).toEqual(['INVALID_CREDENTIALS']);
  };

  const expectCsrfBlocked = async (response: Response) => {
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0]!.message).toMatch(/^This operation has been blocked as a potential Cross-Site Request Forgery \(CSRF\)/);
  };

  it('a mutation over GET', async () => {
    const email = uniqueEmail('csrf-get');
    const { query, variables } = register(email);
    const url = `${shop.routerUrl}?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`;
    await expectCsrfBlocked(await fetch(url));
    // Even with the preflight header a GET may only run queries.
    const withHeader = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(withHeader.status).toBe(405);
    expect(withHeader.headers.get('allow')).toBe('POST');
    await expectNoAccount(email);
  });

  it('a mutation in a urlencoded form POST', async () => {
    const email = uniqueEmail('csrf-form');
    const { query, variables } = register(email);
    const body = new URLSearchParams({ query, variables: JSON.stringify(variables) });
    await expectCsrfBlocked(await fetch(shop.routerUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }));
    await expectNoAccount(email);
  });

  it('a mutation in a text/plain POST', async () => {
    const email = uniqueEmail('csrf-text');
    await expectCsrfBlocked(await fetch(shop.routerUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(register(email)) }));
    await expectNoAccount(email);
  });

  it('the same mutation as a JSON POST does run (the probes above were not failing for another reason)', async () => {
    const email = uniqueEmail('csrf-json');
    const response = await fetch(shop.routerUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(register(email)) });
    expect(response.status).toBe(200);
    const login = await shop.client(LoginDocument, { input: { email, password: strongPassword } });
    expect(login.data?.login.errors).toEqual([]);
  });
});
