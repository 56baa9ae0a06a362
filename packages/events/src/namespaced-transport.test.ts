import { describe, expect, it } from 'vitest';
import { userRegistered } from './contracts';
import type { EventEnvelope } from './envelope';
import { LocalTransport } from './local-transport';
import { namespacedTransport } from './namespaced-transport';

const event = () => userRegistered.create('u1', { userId: 'u1', email: 'a@example.com', name: 'A' });

describe('namespacedTransport', () => {
  it('keeps two namespaces on one transport apart and lets a namespace read its own events', async () => {
    const shared = new LocalTransport();
    const blue = namespacedTransport(shared, 'blue');
    const green = namespacedTransport(shared, 'green');
    const seen: Record<string, string[]> = { blue: [], green: [], raw: [] };
    const collect = (into: string[]) => async (envelope: EventEnvelope) => void into.push(envelope.id);
    await blue.subscribe({ groupId: 'g', topics: ['shop.users'], handler: collect(seen.blue!) });
    await green.subscribe({ groupId: 'g', topics: ['shop.users'], handler: collect(seen.green!) });
    await shared.subscribe({ groupId: 'g', topics: ['shop.users', 'blue.shop.users'], handler: collect(seen.raw!) });
    const sent = event();
    await blue.publish([{ topic: 'shop.users', key: 'u1', envelope: sent }]);
    await expect.poll(() => seen.raw).toEqual([sent.id]);
    expect(seen.blue).toEqual([sent.id]);
    expect(seen.green).toEqual([]);
    await shared.close();
  });

  it('refuses a namespace that would make illegal topic names', () => {
    expect(() => namespacedTransport(new LocalTransport(), 'a b')).toThrow('namespace "a b" must be 1-64 letters');
  });
});
