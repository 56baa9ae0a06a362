import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '@shop/auth';
import { type Caller, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { addresses, outbox, refreshTokens, users } from '../src/db/schema';
import { usersModule, type UsersConfig } from '../src';
import {
  AddAddressDocument,
  DeleteAddressDocument,
  LoginDocument,
  LogoutDocument,
  RefreshTokenDocument,
  RegisterDocument,
  SetDefaultAddressDocument,
  SetUserRolesDocument,
  UpdateAddressDocument,
  type AddressInput,
} from './__generated__/graphql';

const home = { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };
const office = { ...home, line1: '1 Analytical Way' };
const password = 'correct-horse-battery-9';
const unknownId = '00000000-0000-0000-0000-000000000000';

/**
 * Every users mutation, refused, must leave every table of the subgraph exactly as it was: the
 * whole schema is read before and after each refused call and compared.
 */
describe.each(sqlBackends)('refused users mutations change nothing on %s', (backend) => {
  let harness: SubgraphHarness;
  let counter = 0;

  beforeAll(async () => {
    const config: UsersConfig = {
      signingKeys: [(await generateSigningKey()).privateJwk as Record<string, unknown>],
      issuer: 'test',
      audience: 'test',
      accessTokenTtlSeconds: 60,
      refreshTokenTtlSeconds: 3600,
    };
    harness = await startSubgraphHarness({ module: usersModule, config, backend });
  });
  afterAll(() => harness.stop());

  const snapshot = async () => {
    const { db } = harness.platform.database;
    return {
      users: await db.select().from(users).orderBy(asc(users.id)),
      addresses: await db.select().from(addresses).orderBy(asc(addresses.id)),
      refreshTokens: await db.select().from(refreshTokens).orderBy(asc(refreshTokens.id)),
      // The events recorded, not the relay's publishing marks (it publishes earlier calls' events meanwhile).
      outbox: await db
        .select({ id: outbox.id, topic: outbox.topic, key: outbox.key, type: outbox.type, payload: outbox.payload })
        .from(outbox)
        .orderBy(asc(outbox.id)),
    };
  };
  /** Runs a call that must be refused, asserts its answer, and that no row changed. */
  const refused = async <TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, caller: Caller, expected: unknown) => {
    const before = await snapshot();
    const { errors, ...result } = await harness.call(document, variables, caller);
    // Source locations depend on the query text, not on the behaviour under test.
    expect({
      ...result,
      ...(errors ? { errors: errors.map((error) => ({ ...error, locations: undefined })).map(({ locations: _locations, ...error }) => error) } : {}),
    }).toEqual(expected);
    expect(await snapshot()).toEqual(before);
  };
  const email = () => `refused${counter++}.${Date.now()}@example.com`;
  const newUser = async () => {
    const address = email();
    const result = await harness.call(RegisterDocument, { input: { email: address, password, name: 'Ada' } });
    const session = result.data!.register.session!;
    return { email: address, user: session.user, refreshToken: session.refreshToken, id: session.user.id };
  };
  const addAddress = async (userId: string, input: AddressInput, makeDefault = false) => {
    const result = await harness.call(AddAddressDocument, { input, makeDefault }, { userId, roles: ['customer'] });
    return result.data!.addAddress.address!.id;
  };
  const notFound = (mutation: string) => ({
    data: { [mutation]: { address: null, errors: [{ code: 'NOT_FOUND', field: 'id', message: 'No such address' }] } },
  });

  it("setDefaultAddress with an unknown id, or another user's address, keeps every default", async () => {
    const owner = await newUser();
    const stranger = await newUser();
    await addAddress(owner.id, home);
    const second = await addAddress(owner.id, office);
    await addAddress(stranger.id, home);
    await refused(SetDefaultAddressDocument, { id: unknownId }, { userId: owner.id }, notFound('setDefaultAddress'));
    await refused(SetDefaultAddressDocument, { id: second }, { userId: stranger.id }, notFound('setDefaultAddress'));
    await refused(
      SetDefaultAddressDocument,
      { id: 'not-a-uuid' },
      { userId: owner.id },
      {
        data: null,
        errors: [{ message: 'id must be a UUID', path: ['setDefaultAddress'], extensions: { argument: 'id', code: 'BAD_USER_INPUT' } }],
      },
    );
  });

  it('addAddress with an invalid field or past the limit, updateAddress and deleteAddress of a foreign id', async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const own = await addAddress(owner.id, home);
    await refused(
      AddAddressDocument,
      { input: { ...office, country: 'Germany' }, makeDefault: true },
      { userId: owner.id },
      {
        data: {
          addAddress: {
            address: null,
            errors: [{ code: 'INVALID_COUNTRY', field: 'country', message: 'Country must be an ISO 3166-1 alpha-2 code such as DE or US' }],
          },
        },
      },
    );
    for (let i = 1; i < 20; i++) await addAddress(owner.id, { ...office, label: `#${i}` });
    await refused(
      AddAddressDocument,
      { input: office, makeDefault: true },
      { userId: owner.id },
      {
        data: { addAddress: { address: null, errors: [{ code: 'TOO_MANY_ADDRESSES', field: null, message: 'At most 20 addresses' }] } },
      },
    );

    await refused(UpdateAddressDocument, { id: own, input: office }, { userId: stranger.id }, notFound('updateAddress'));
    await refused(
      UpdateAddressDocument,
      { id: own, input: { ...office, name: '' } },
      { userId: owner.id },
      {
        data: { updateAddress: { address: null, errors: [{ code: 'INVALID_FIELD', field: 'name', message: expect.stringContaining('name') }] } },
      },
    );
    await refused(DeleteAddressDocument, { id: own }, { userId: stranger.id }, notFound('deleteAddress'));
    await refused(
      DeleteAddressDocument,
      { id: own },
      {},
      {
        data: null,
        errors: [{ message: 'You must be signed in', path: ['deleteAddress'], extensions: { code: 'UNAUTHENTICATED' } }],
      },
    );
  });

  it('setUserRoles by a non-admin or for an unknown user', async () => {
    const target = await newUser();
    await refused(
      SetUserRolesDocument,
      { id: target.id, roles: ['ADMIN'] },
      { userId: target.id, roles: ['customer'] },
      {
        data: null,
        errors: [{ message: 'You are not allowed to do this', path: ['setUserRoles'], extensions: { code: 'FORBIDDEN' } }],
      },
    );
    await refused(
      SetUserRolesDocument,
      { id: unknownId, roles: ['ADMIN'] },
      { userId: target.id, roles: ['customer', 'admin'] },
      {
        data: null,
        errors: [{ message: 'No such user', path: ['setUserRoles'], extensions: { code: 'NOT_FOUND' } }],
      },
    );
  });

  it('register with a taken e-mail or bad input, login with a wrong password', async () => {
    const existing = await newUser();
    await refused(
      RegisterDocument,
      { input: { email: existing.email.toUpperCase(), password, name: 'Mallory' } },
      {},
      {
        data: { register: { session: null, errors: [{ code: 'EMAIL_TAKEN' }] } },
      },
    );
    await refused(
      RegisterDocument,
      { input: { email: email(), password: 'short', name: 'Mallory' } },
      {},
      {
        data: { register: { session: null, errors: [{ code: 'WEAK_PASSWORD' }] } },
      },
    );
    await refused(
      LoginDocument,
      { input: { email: existing.email, password: 'wrong-password-123' } },
      {},
      {
        data: {
          login: { session: null, errors: [{ code: 'INVALID_CREDENTIALS', field: null, message: 'E-mail or password is wrong', retryAfterSeconds: null }] },
        },
      },
    );
  });

  it('refreshToken and logout with an empty, malformed or unknown token', async () => {
    await newUser();
    for (const t of ['', 'x'.repeat(300), 'A'.repeat(43)]) {
      await refused(RefreshTokenDocument, { t }, {}, { data: { refreshToken: { session: null, errors: [{ code: 'INVALID_REFRESH_TOKEN' }] } } });
    }
    await refused(
      LogoutDocument,
      { t: '' },
      {},
      {
        data: null,
        errors: [{ message: 'refreshToken must not be empty', path: ['logout'], extensions: { argument: 'refreshToken', code: 'BAD_USER_INPUT' } }],
      },
    );
    await refused(LogoutDocument, { t: 'A'.repeat(43) }, {}, { data: { logout: true } });
  });
});
