import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '@shop/auth';
import { entitiesOf, sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { usersModule, type UsersConfig } from '../src';
import {
  AddAddressDocument,
  LoginDocument,
  RegisterDocument,
  SetUserRolesDocument,
  UpdateAddressDocument,
  UserAddressesDocument,
  type AddressInput,
} from './__generated__/graphql';

const home = { label: 'Home', name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'gb' };
const office = { name: 'Ada Lovelace', line1: '1 Analytical Way', line2: 'Floor 2', city: 'Austin', region: 'TX', postalCode: '73301', country: 'US' };

describe.each(sqlBackends)('addresses and roles on %s', (backend) => {
  let users: SubgraphHarness;
  let config: UsersConfig;
  let counter = 0;

  beforeAll(async () => {
    config = {
      signingKeys: [(await generateSigningKey()).privateJwk as Record<string, unknown>],
      issuer: 'test',
      audience: 'test',
      accessTokenTtlSeconds: 60,
      refreshTokenTtlSeconds: 3600,
      admin: { email: 'root@example.com', password: 'admin-password-123', name: 'Root' },
    };
    users = await startSubgraphHarness({ module: usersModule, config, backend });
  });
  afterAll(() => users.stop());

  const newUser = async () => {
    const result = await users.call(RegisterDocument, {
      input: { email: `addr${counter++}.${Date.now()}@example.com`, password: 'correct-horse-battery-9', name: 'Ada' },
    });
    return result.data!.register.session!.user.id;
  };
  const add = (userId: string | null, input: AddressInput, makeDefault = false) =>
    users.call(AddAddressDocument, { input, makeDefault }, { userId, roles: ['customer'] });
  const list = async (userId: string, asUser: string | null, roles = ['customer']) => {
    const result = await users.call(UserAddressesDocument, { reps: [{ __typename: 'User', id: userId }] }, { userId: asUser, roles });
    return { ...result, data: result.data && { _entities: entitiesOf('User', result.data._entities) } };
  };

  it('the first address becomes the default; a later one can take over', async () => {
    const userId = await newUser();
    const first = (await add(userId, home)).data!;
    expect(first.addAddress).toEqual({
      address: { id: expect.any(String), ...home, country: 'GB', line2: null, region: null, phone: null, isDefault: true },
      errors: [],
    });
    const second = (await add(userId, office, true)).data!;
    expect(second.addAddress.address!.isDefault).toBe(true);
    const view = (await list(userId, userId)).data!;
    expect(view._entities[0]!.addresses.map((a) => [a.id, a.isDefault])).toEqual([
      [second.addAddress.address!.id, true],
      [first.addAddress.address!.id, false],
    ]);
    expect(view._entities[0]!.defaultAddress).toEqual({ id: second.addAddress.address!.id });
  });

  it('reports every invalid field with a typed code', async () => {
    const userId = await newUser();
    const result = await add(userId, { ...home, name: ' ', country: 'Germany', postalCode: 'x'.repeat(21) });
    expect(result.data).toEqual({
      addAddress: {
        address: null,
        errors: [
          { code: 'INVALID_FIELD', field: 'name', message: expect.stringContaining('name') },
          { code: 'INVALID_FIELD', field: 'postalCode', message: expect.stringContaining('postalCode') },
          { code: 'INVALID_COUNTRY', field: 'country', message: 'Country must be an ISO 3166-1 alpha-2 code such as DE or US' },
        ],
      },
    });
  });

  it("keeps one user away from another user's addresses", async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const created = (await add(owner, home)).data!;
    const id = created.addAddress.address!.id;
    const update = await users.call(UpdateAddressDocument, { id, input: office }, { userId: stranger });
    expect(update.data).toEqual({ updateAddress: { address: null, errors: [{ code: 'NOT_FOUND', field: 'id', message: 'No such address' }] } });
    expect((await list(owner, stranger)).data).toEqual({ _entities: [{ addresses: [], defaultAddress: null }] });
    expect((await list(owner, stranger, ['customer', 'admin'])).data).toMatchObject({ _entities: [{ defaultAddress: { id } }] });
  });

  it('address mutations need a signed-in user and a UUID id', async () => {
    expect((await add(null, home)).errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    // The id written as a literal in the query text, as a hand-written client may send it.
    const bad = await users.call('mutation { deleteAddress(id: "1 or 1=1") { errors { code } } }', {}, { userId: await newUser() });
    expect(bad.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', 'id must be a UUID']]);
  });

  it('stops at 20 addresses even under concurrent adds', async () => {
    const userId = await newUser();
    const results = await Promise.all(Array.from({ length: 25 }, () => add(userId, home)));
    const codes = results.map((r) => r.data!.addAddress.errors[0]?.code ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(20);
    expect(codes.filter((c) => c === 'TOO_MANY_ADDRESSES')).toHaveLength(5);
    const view = (await list(userId, userId)).data!;
    expect(view._entities[0]!.addresses.filter((a) => a.isDefault)).toHaveLength(1);
  });

  it('ensures the configured admin, and only admins may change roles', async () => {
    const login = await users.call(LoginDocument, { input: { email: 'root@example.com', password: 'admin-password-123' } });
    const admin = login.data!.login.session!.user;
    expect(admin.roles).toEqual(['ADMIN', 'CUSTOMER']);
    const target = await newUser();
    const setRoles = (id: string, caller: { userId: string; roles: string[] }) => users.call(SetUserRolesDocument, { id, roles: ['ADMIN'] }, caller);
    const denied = await setRoles(target, { userId: target, roles: ['customer'] });
    expect(denied.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const granted = await setRoles(target, { userId: admin.id, roles: ['admin', 'customer'] });
    expect(granted.data).toEqual({ setUserRoles: { id: target, roles: ['ADMIN', 'CUSTOMER'] } });
    const unknown = await setRoles('00000000-0000-4000-8000-000000000000', { userId: admin.id, roles: ['admin'] });
    expect(unknown.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });
});
