import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginDocument, LogoutDocument, MeDocument, RefreshTokenDocument, RegisterDocument } from './__generated__/graphql';
import { startShop, strongPassword, uniqueEmail } from './support/embedded-shop';

describe('users through the router', () => {
  let shop: Awaited<ReturnType<typeof startShop>>;
  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.stop());

  const register = (email: string, password = strongPassword, name = 'Ada Lovelace') => shop.client(RegisterDocument, { input: { email, password, name } });

  it('register -> login -> me', async () => {
    const email = uniqueEmail('ada');
    const registered = await register(email.toUpperCase());
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.register.errors).toEqual([]);
    const user = registered.data?.register.session?.user;
    expect(user).toEqual({ id: expect.any(String), email, name: 'Ada Lovelace', roles: ['CUSTOMER'] });

    const login = await shop.client(LoginDocument, { input: { email, password: strongPassword } });
    const token = login.data?.login.session?.accessToken;
    expect(token).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);

    const me = await shop.client(MeDocument, {}, { token: token! });
    expect(me.data?.me).toEqual({ id: user!.id, email, name: 'Ada Lovelace', roles: ['CUSTOMER'], createdAt: expect.any(String) });
  });

  it('me is null for an anonymous caller', async () => {
    const me = await shop.client(MeDocument, {});
    expect(me).toEqual({ status: 200, data: { me: null } });
  });

  it('an invalid access token is a 401, not an anonymous request', async () => {
    const me = await shop.client(MeDocument, {}, { token: 'not-a-jwt' });
    expect(me.status).toBe(401);
    expect(me.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('a duplicate e-mail (any case) is EMAIL_TAKEN', async () => {
    const email = uniqueEmail('dup');
    await register(email);
    const again = await register(email.toUpperCase());
    expect(again.data?.register).toEqual({
      session: null,
      errors: [{ code: 'EMAIL_TAKEN', field: 'email', message: 'An account with this e-mail already exists' }],
    });
  });

  it('bad input gets every typed error at once', async () => {
    const result = await register('not-an-email', 'password', ' ');
    expect(result.data?.register.session).toBeNull();
    expect(result.data?.register.errors.map((e) => [e.code, e.field])).toEqual([
      ['INVALID_EMAIL', 'email'],
      ['INVALID_NAME', 'name'],
      ['WEAK_PASSWORD', 'password'],
    ]);
  });

  it('wrong password and unknown e-mail are the same INVALID_CREDENTIALS', async () => {
    const email = uniqueEmail('cred');
    await register(email);
    const wrong = await shop.client(LoginDocument, { input: { email, password: 'wrong-password-123' } });
    const unknown = await shop.client(LoginDocument, { input: { email: uniqueEmail('nobody'), password: strongPassword } });
    const expected = { session: null, errors: [{ code: 'INVALID_CREDENTIALS', field: null, message: 'E-mail or password is wrong' }] };
    expect(wrong.data?.login).toEqual(expected);
    expect(unknown.data?.login).toEqual(expected);
  });

  it('refresh tokens rotate, and replaying a used one revokes the whole session family', async () => {
    const first = (await register(uniqueEmail('rot'))).data!.register.session!;
    const second = (await shop.client(RefreshTokenDocument, { refreshToken: first.refreshToken })).data!.refreshToken.session!;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await shop.client(MeDocument, {}, { token: second.accessToken })).data?.me?.id).toBe(first.user.id);

    const replay = await shop.client(RefreshTokenDocument, { refreshToken: first.refreshToken });
    expect(replay.data?.refreshToken.errors.map((e) => e.code)).toEqual(['INVALID_REFRESH_TOKEN']);
    const afterTheft = await shop.client(RefreshTokenDocument, { refreshToken: second.refreshToken });
    expect(afterTheft.data?.refreshToken.errors.map((e) => e.code)).toEqual(['INVALID_REFRESH_TOKEN']);
  });

  it('logout ends the session', async () => {
    const session = (await register(uniqueEmail('out'))).data!.register.session!;
    expect((await shop.client(LogoutDocument, { refreshToken: session.refreshToken })).data).toEqual({ logout: true });
    const after = await shop.client(RefreshTokenDocument, { refreshToken: session.refreshToken });
    expect(after.data?.refreshToken.errors.map((e) => e.code)).toEqual(['INVALID_REFRESH_TOKEN']);
  });

  it('an empty or malformed refresh token is a typed error, never INTERNAL_SERVER_ERROR', async () => {
    const invalid = { session: null, errors: [{ code: 'INVALID_REFRESH_TOKEN', field: null, message: 'Sign in again: this session has ended' }] };
    for (const refreshToken of ['', ' ', 'x'.repeat(5_000)]) {
      const refreshed = await shop.client(RefreshTokenDocument, { refreshToken });
      expect(refreshed).toEqual({ status: 200, data: { refreshToken: invalid } });
    }
    const empty = await shop.client(LogoutDocument, { refreshToken: '' });
    expect(empty.data).toBeNull();
    expect(empty.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', 'refreshToken must not be empty']]);
    expect((await shop.client(LogoutDocument, { refreshToken: 'not-a-token' })).data).toEqual({ logout: true });
  });

  it('a client-sent internal token or identity header is ignored', async () => {
    const victim = (await register(uniqueEmail('victim'))).data!.register.session!;
    const me = await shop.client(
      MeDocument,
      {},
      {
        headers: { 'x-internal-token': victim.accessToken, 'x-user-id': victim.user.id },
      },
    );
    expect(me).toEqual({ status: 200, data: { me: null } });
  });
  it("the user of a session made in the operation is its caller for every subgraph's fields", async () => {
    const email = uniqueEmail('whole-user');
    const wholeUser = `{ id email wishlist(first: 5) { totalCount } unreadNotificationCount orders(first: 5) { totalCount } }`;
    type WholeUser = { id: string; email: string; wishlist: { totalCount: number }; unreadNotificationCount: number; orders: { totalCount: number } };
    type Answer = { session: { accessToken: string; user: WholeUser } | null; errors: unknown[] };
    const registered = await shop.client<{ register: Answer }, Record<string, never>>(
      `mutation { register(input: { email: "${email}", password: "${strongPassword}", name: "Whole User" }) { session { user ${wholeUser} } errors { code } } }`,
    );
    expect(registered).toEqual({
      status: 200,
      data: {
        register: {
          session: { user: { id: expect.any(String), email, wishlist: { totalCount: 0 }, unreadNotificationCount: 0, orders: { totalCount: 0 } } },
          errors: [],
        },
      },
    });
    expect(JSON.stringify(registered)).not.toContain('signedInAccessToken');

    const loggedIn = await shop.client<{ login: Answer }, Record<string, never>>(
      `mutation { login(input: { email: "${email}", password: "${strongPassword}" }) { session { accessToken user ${wholeUser} } errors { code } } }`,
    );
    expect(loggedIn.errors).toBeUndefined();
    expect(loggedIn.data?.login.session?.user).toEqual(registered.data?.register.session?.user);

    // A failed login adopts nobody: the operation stays anonymous.
    const failed = await shop.client<{ login: Answer }, Record<string, never>>(
      `mutation { login(input: { email: "${email}", password: "wrong-password-123" }) { session { user { id } } errors { code } } }`,
    );
    expect(failed).toEqual({ status: 200, data: { login: { session: null, errors: [{ code: 'INVALID_CREDENTIALS' }] } } });
  });
});

describe('subgraphs cannot be reached around the router', () => {
  let shop: Awaited<ReturnType<typeof startShop>>;
  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop.stop());

  it.each([
    ['no token', {}],
    ['a forged token', { 'x-internal-token': 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }],
  ])('_service { sdl } with %s is 401', async (_label, headers) => {
    const response = await fetch(shop.subgraphs.users!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      errors: [{ message: 'A valid internal token is required', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('health needs no token', async () => {
    const response = await fetch(shop.subgraphs.users!.url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
  });
});

describe('embedded data survives a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shop-e2e-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a user registered before a restart can log in after it', async () => {
    const email = uniqueEmail('persist');
    const first = await startShop(dataDir);
    const registered = await first.client(RegisterDocument, { input: { email, password: strongPassword, name: 'Grace' } });
    expect(registered.data?.register.errors).toEqual([]);
    await first.stop();

    const second = await startShop(dataDir);
    try {
      const login = await second.client(LoginDocument, { input: { email, password: strongPassword } });
      expect(login.data?.login.session?.user.id).toBe(registered.data?.register.session?.user.id);
    } finally {
      await second.stop();
    }
  });
});
