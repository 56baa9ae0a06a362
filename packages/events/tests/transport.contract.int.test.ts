import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, uniqueKafkaName } from '@shop/testkit';
import { userRegistered, type Delivery, type EventEnvelope, type EventTransport, type Subscription } from '../src';
import { transportFixtures, type TransportFixture } from './support/transport-fixtures';

const registered = (userId: string) => userRegistered.create(userId, { userId, email: `${userId}@example.com`, name: userId });

/** Records what a handler saw, in order. */
function recorder() {
  const seen: EventEnvelope[] = [];
  return { seen, handler: async (envelope: EventEnvelope) => void seen.push(envelope) };
}

describe.each(transportFixtures)('event transport contract: %s', (_name, create) => {
  let fixture: TransportFixture;
  let transport: EventTransport;
  const subscriptions: Subscription[] = [];
  const subscribe = async (options: Parameters<EventTransport['subscribe']>[0]) => {
    const subscription = await transport.subscribe(options);
    subscriptions.push(subscription);
    return subscription;
  };

  /**
   * Publishes one marker event per key after the events under test. Order per key holds, so once
   * a consumer has seen a key's marker it has seen everything published before it on that key,
   * duplicates included: the tests assert "nothing extra" against the marker, not after a sleep.
   */
  const publishMarkers = async (topic: string, keys: string[]): Promise<EventEnvelope[]> => {
    const markers = keys.map((key) => registered(key));
    await transport.publish(markers.map((envelope) => ({ topic, key: envelope.aggregateId, envelope })));
    return markers;
  };
  const ids = (envelopes: EventEnvelope[]) => envelopes.map((envelope) => envelope.id);
  const sawAll = (seen: EventEnvelope[], markers: EventEnvelope[]) => markers.every((marker) => seen.some((envelope) => envelope.id === marker.id));

  beforeAll(() => {
    fixture = create();
    transport = fixture.transport;
  });
  afterAll(async () => {
    await Promise.allSettled(subscriptions.map((subscription) => subscription.stop()));
    await fixture.close();
  });

  it('gives every group each of 100 events once, in order per key', async () => {
    const topic = uniqueKafkaName('contract.order');
    const [a, b] = [recorder(), recorder()];
    await subscribe({ groupId: uniqueKafkaName('g-a'), topics: [topic], handler: a.handler });
    await subscribe({ groupId: uniqueKafkaName('g-b'), topics: [topic], handler: b.handler });
    const keys = ['k0', 'k1', 'k2', 'k3', 'k4'];
    const events = Array.from({ length: 100 }, (_, i) => registered(`${keys[i % 5]}`));
    await transport.publish(events.map((envelope) => ({ topic, key: envelope.aggregateId, envelope })));

    const markers = await publishMarkers(topic, keys);
    await eventually(() => sawAll(a.seen, markers) && sawAll(b.seen, markers), {
      what: 'both groups to see 100 events and the markers behind them',
      describe: () => [a.seen.length, b.seen.length],
    });
    const markerIds = new Set(ids(markers));
    for (const group of [a, b]) {
      // Anything extra before the markers would be a duplicate.
      expect(group.seen).toHaveLength(105);
      const seen = group.seen.filter((envelope) => !markerIds.has(envelope.id));
      expect(new Set(seen.map((envelope) => envelope.id)).size).toBe(100);
      for (const key of keys) {
        const expected = events.filter((envelope) => envelope.aggregateId === key).map((envelope) => envelope.id);
        expect(seen.filter((envelope) => envelope.aggregateId === key).map((envelope) => envelope.id)).toEqual(expected);
      }
    }
    // What was published is what arrives (serialization round trip).
    expect(a.seen.find((envelope) => envelope.id === events[7]!.id)).toEqual(events[7]);
  });

  it('retries a failing event maxAttempts times, dead-letters exactly it, and keeps going', async () => {
    const topic = uniqueKafkaName('contract.poison');
    const events = Array.from({ length: 6 }, () => registered('same-user'));
    const poison = events[1]!;
    const handled: string[] = [];
    const attempts: number[] = [];
    const groupId = uniqueKafkaName('g-poison');
    await subscribe({
      groupId,
      topics: [topic],
      maxAttempts: 3,
      retryBackoffMs: 20,
      handler: async (envelope, meta) => {
        if (envelope.id === poison.id) {
          attempts.push(meta.attempt);
          throw new Error('cannot handle this one');
        }
        handled.push(envelope.id);
      },
    });
    const dlq = await fixture.watchDeadLetters(`${topic}.dlq`);
    await transport.publish(events.map((envelope) => ({ topic, key: envelope.aggregateId, envelope })));

    await eventually(() => handled.length >= 5 && dlq.read().length >= 1, {
      what: 'the later events and the dead letter',
      describe: () => ({ handled: handled.length, dlq: dlq.read().length }),
    });
    const [marker] = await publishMarkers(topic, ['same-user']);
    await eventually(() => handled.includes(marker!.id), { what: 'the marker behind them', describe: () => handled.length });
    expect(handled).toEqual([...ids(events.filter((envelope) => envelope !== poison)), marker!.id]);
    expect(attempts).toEqual([1, 2, 3]);
    const letters = dlq.read();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ key: 'same-user', error: 'cannot handle this one', group: groupId, attempts: 3, originalTopic: topic });
    expect(JSON.parse(letters[0]!.value)).toEqual(poison);
    await dlq.stop();
  });

  it('hands a batch handler runs of events; a batch that fails is handled one by one, its poison event dead-lettered alone', async () => {
    const topic = uniqueKafkaName('contract.batch');
    const keys = ['k0', 'k1', 'k2'];
    const events = Array.from({ length: 30 }, (_, i) => registered(keys[i % 3]!));
    const poison = events[10]!;
    const handled: EventEnvelope[] = [];
    const batchSizes: number[] = [];
    const single = async (envelope: EventEnvelope) => {
      if (envelope.id === poison.id) throw new Error('cannot handle this one');
      handled.push(envelope);
    };
    const handler = Object.assign(single, {
      batch: async (deliveries: Delivery[]) => {
        batchSizes.push(deliveries.length);
        // All or nothing, as a batch transaction: a poison event anywhere fails the whole batch.
        if (deliveries.some(({ envelope }) => envelope.id === poison.id)) throw new Error('batch rolled back');
        handled.push(...deliveries.map(({ envelope }) => envelope));
      },
    });
    // Published before the group joins, so the first fetch of each partition holds many events.
    await transport.publish(events.map((envelope) => ({ topic, key: envelope.aggregateId, envelope })));
    await subscribe({ groupId: uniqueKafkaName('g-batch'), topics: [topic], maxAttempts: 2, retryBackoffMs: 20, handler });
    const dlq = await fixture.watchDeadLetters(`${topic}.dlq`);

    await eventually(() => handled.length >= 29 && dlq.read().length >= 1, {
      what: 'every other event and the dead letter',
      describe: () => ({ handled: handled.length, dlq: dlq.read().length }),
    });
    expect(new Set(handled.map((envelope) => envelope.id)).size).toBe(handled.length);
    for (const key of keys) {
      const expected = events.filter((envelope) => envelope.aggregateId === key && envelope !== poison).map((envelope) => envelope.id);
      expect(handled.filter((envelope) => envelope.aggregateId === key).map((envelope) => envelope.id)).toEqual(expected);
    }
    expect(dlq.read().map((letter) => [JSON.parse(letter.value).id, letter.attempts])).toEqual([[poison.id, 2]]);
    // Kafka fetches several events of a partition at once; the in-process transport delivers one at a time.
    if (fixture.batches) expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    else expect(batchSizes).toEqual([]);
    await dlq.stop();
  });

  it('dead-letters a message that is not a valid event without calling the handler', async () => {
    const topic = uniqueKafkaName('contract.malformed');
    const { seen, handler } = recorder();
    await subscribe({ groupId: uniqueKafkaName('g-malformed'), topics: [topic], handler, deadLetterTopic: `${topic}.bad` });
    const dlq = await fixture.watchDeadLetters(`${topic}.bad`);
    const good = registered('u1');
    const { id: _id, ...withoutId } = registered('u1');
    await fixture.publishRaw(topic, 'u1', 'not json at all');
    await fixture.publishRaw(topic, 'u1', JSON.stringify(withoutId));
    await transport.publish([{ topic, key: 'u1', envelope: good }]);

    await eventually(() => seen.length >= 1 && dlq.read().length >= 2, {
      what: 'the valid event and two dead letters',
      describe: () => ({ seen: seen.length, dlq: dlq.read().length }),
    });
    const markers = await publishMarkers(topic, ['u1']);
    await eventually(() => sawAll(seen, markers), { what: 'the marker behind them', describe: () => seen.length });
    expect(ids(seen)).toEqual([good.id, ...ids(markers)]);
    const letters = dlq.read();
    expect(letters.map((letter) => [letter.attempts, letter.value])).toEqual([
      [0, 'not json at all'],
      [0, JSON.stringify(withoutId)],
    ]);
    expect(letters[0]!.error).toMatch(/^Invalid event envelope: not JSON/);
    expect(letters[1]!.error).toBe('Invalid event envelope: id: Invalid input: expected string, received undefined');
    await dlq.stop();
  });

  it('redelivers the message a stopped member did not commit to the next member of its group', async () => {
    const topic = uniqueKafkaName('contract.restart');
    const groupId = uniqueKafkaName('g-restart');
    const events = Array.from({ length: 6 }, () => registered('one-key'));
    const victim = events[2]!;
    const deliveries: string[] = [];
    let killed = false;
    const first: Subscription = await subscribe({
      groupId,
      topics: [topic],
      retryBackoffMs: 20,
      handler: async (envelope) => {
        deliveries.push(envelope.id);
        if (envelope.id === victim.id && !killed) {
          // The process dies after the effect but before the offset commit.
          killed = true;
          void first.stop();
          throw new Error('killed');
        }
      },
    });
    await transport.publish(events.map((envelope) => ({ topic, key: envelope.aggregateId, envelope })));
    await eventually(() => killed, { what: 'the member to be killed' });
    await first.stop();
    const { seen, handler } = recorder();
    await subscribe({ groupId, topics: [topic], handler });

    const markers = await publishMarkers(topic, ['one-key']);
    await eventually(() => sawAll(seen, markers), { what: 'the rest of the stream and the marker behind it', describe: () => seen.length });
    expect(deliveries).toEqual(ids(events.slice(0, 3)));
    expect(ids(seen)).toEqual([...ids(events.slice(2)), ...ids(markers)]);
  });

  it('rejects invalid subscribe options loudly', async () => {
    const handler = async () => undefined;
    await expect(transport.subscribe({ groupId: 'g', topics: ['t'], handler, maxAttempts: 0 })).rejects.toThrow(
      'subscribe(g): maxAttempts must be an integer >= 1',
    );
    await expect(transport.subscribe({ groupId: '', topics: ['t'], handler })).rejects.toThrow('subscribe: groupId is required');
    await expect(transport.subscribe({ groupId: 'g', topics: [], handler })).rejects.toThrow('subscribe(g): topics must be non-empty names');
  });
});
