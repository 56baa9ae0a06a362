import { describe, expect, it } from 'vitest';
import { userRegistered } from './contracts/users';
import { InvalidEventError } from './envelope';
import { on, routeEvents } from './route-events';

describe('routeEvents', () => {
  const envelope = userRegistered.create('u1', { userId: 'u1', email: 'ann@example.com', name: 'Ann' });

  it('hands each routed event, parsed, to its handler with the context', async () => {
    const seen: Array<[string, string]> = [];
    const route = routeEvents(on(userRegistered, async (event, context: string) => void seen.push([event.data.email, context])));
    await route(envelope, 'tx');
    await route({ ...envelope, type: 'user.deleted' }, 'tx');
    expect(seen).toEqual([['ann@example.com', 'tx']]);
  });

  it('throws InvalidEventError for a routed event whose data breaks the contract', async () => {
    const route = routeEvents(on(userRegistered, async () => undefined));
    await expect(route({ ...envelope, data: { userId: 'u1' } }, undefined)).rejects.toThrow(InvalidEventError);
  });

  it('says which types it handles', () => {
    const route = routeEvents(on(userRegistered, async () => {}));
    expect([route.handles('user.registered'), route.handles('user.deleted')]).toEqual([true, false]);
  });

  it('refuses two routes for one type', () => {
    const handler = async () => undefined;
    expect(() => routeEvents(on(userRegistered, handler), on(userRegistered, handler))).toThrow('routeEvents: two routes for user.registered');
  });
});
