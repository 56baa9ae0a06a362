import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineDataEvent, defineEvent } from './define-event';
import { InvalidEventError } from './envelope';
import { userRegistered } from './contracts/users';

const data = { userId: 'u1', email: 'ann@example.com', name: 'Ann' };

describe('defineEvent', () => {
  it('creates a complete envelope', () => {
    const before = Date.now();
    const envelope = userRegistered.create('u1', data, { traceparent: '00-trace-span-01' });
    expect(envelope).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      type: 'user.registered',
      aggregateId: 'u1',
      occurredAt: expect.any(String),
      version: 1,
      traceparent: '00-trace-span-01',
      data,
    });
    expect(Date.parse(envelope.occurredAt)).toBeGreaterThanOrEqual(before - 1);
    expect(userRegistered.create('u1', data).id).not.toBe(envelope.id);
    expect(userRegistered.topic).toBe('shop.users');
    expect(userRegistered.topics).toEqual(['shop.users']);
  });

  it('may address one topic per audience, each a legal name, none twice', () => {
    const schema = z.object({ id: z.string() });
    expect(defineEvent({ type: 'thing.done', topic: ['shop.a', 'shop.b'], version: 1, schema }).topics).toEqual(['shop.a', 'shop.b']);
    expect(() => defineEvent({ type: 'thing.done', topic: ['shop.a', 'shop a'], version: 1, schema })).toThrow(
      'topic "shop a" is not a legal Kafka topic name',
    );
    expect(() => defineEvent({ type: 'thing.done', topic: ['shop.a', 'shop.a'], version: 1, schema })).toThrow('topics must be distinct');
  });

  it('parses what it created, through JSON', () => {
    const envelope = userRegistered.create('u1', data);
    expect(userRegistered.parse(JSON.parse(JSON.stringify(envelope)))).toEqual(envelope);
    expect(userRegistered.matches(envelope)).toBe(true);
  });

  it('refuses invalid data when creating, naming the field', () => {
    expect(() => userRegistered.create('u1', { ...data, email: 'nope' })).toThrow(
      new InvalidEventError('Invalid user.registered event: data.email: Invalid email address'),
    );
    expect(() => userRegistered.create('', data)).toThrow('Invalid user.registered event: aggregateId is empty');
  });

  it('fails parsing a malformed message with a clear error', () => {
    const envelope = userRegistered.create('u1', data);
    const parse = (input: unknown) => () => userRegistered.parse(input);
    expect(parse('nope')).toThrow('Invalid event envelope: (root): Invalid input: expected object, received string');
    expect(parse({ ...envelope, id: 'x' })).toThrow('Invalid event envelope: id: Invalid UUID');
    expect(parse({ ...envelope, occurredAt: 'yesterday' })).toThrow('Invalid event envelope: occurredAt: Invalid ISO datetime');
    expect(parse({ ...envelope, data: undefined })).toThrow('Invalid event envelope: data: Required');
    expect(parse({ ...envelope, type: 'user.deleted' })).toThrow('Expected a user.registered event, got user.deleted');
    expect(parse({ ...envelope, version: 2 })).toThrow('Unsupported user.registered version 2 (this consumer reads version 1)');
    expect(parse({ ...envelope, data: { ...data, name: 42 } })).toThrow(
      'Invalid user.registered event: data.name: Invalid input: expected string, received number',
    );
    expect(parse({ ...envelope, id: 'x' })).toThrow(InvalidEventError);
  });

  it('validates its definition loudly', () => {
    const schema = z.object({});
    expect(() => defineEvent({ type: 'UserRegistered', topic: 'shop.users', version: 1, schema })).toThrow(
      'defineEvent: type "UserRegistered" must look like "domain.verbed"',
    );
    expect(() => defineEvent({ type: 'user.registered', topic: 'shop users', version: 1, schema })).toThrow(
      'defineEvent(user.registered): topic "shop users" is not a legal Kafka topic name',
    );
    expect(() => defineEvent({ type: 'user.registered', topic: 'shop.users', version: 0, schema })).toThrow(
      'defineEvent(user.registered): version must be a positive integer',
    );
  });
});

describe('defineDataEvent', () => {
  it('is defineEvent with the object of the data fields as schema, version 1 unless said', () => {
    const done = defineDataEvent({ type: 'thing.done', topic: 'shop.things', data: { id: z.string().min(1) } });
    expect([done.version, done.topics]).toEqual([1, ['shop.things']]);
    expect(done.create('t1', { id: 't1' }).data).toEqual({ id: 't1' });
    expect(() => done.create('t1', { id: '' })).toThrow(InvalidEventError);
    expect(defineDataEvent({ type: 'thing.done', topic: 'shop.things', version: 2, data: {} }).version).toBe(2);
  });
});
