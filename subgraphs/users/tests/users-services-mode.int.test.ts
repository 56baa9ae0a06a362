import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInternalTokenMinter, createInternalTokenVerifier, generateInternalKeyPair, generateSigningKey } from '@shop/auth';
import { openDatabase, runMigrations, type DatabaseHandle } from '@shop/db';
import { KafkaTransport, userRegistered, type EventEnvelope } from '@shop/events';
import { createLogger, startSubgraph, type RunningSubgraph } from '@shop/subgraph-kit';
import { createTestDatabase, eventually, fastKafkaConsumer, testKafkaBrokers, uniqueKafkaName, type TestDatabase } from '@shop/testkit';
import { MemoryCache, MemoryPubSub } from '@shop/cache';
import { usersModule } from '../src';
import { RegisterDocument, UserReferencesDocument } from './__generated__/graphql';

/** The users subgraph as it runs in services mode: real PostgreSQL, events over real Kafka. */
describe('users subgraph on PostgreSQL + Kafka', () => {
  const logger = createLogger('users-test', 'silent');
  let testDb: TestDatabase;
  let database: DatabaseHandle;
  let transport: KafkaTransport;
  let subgraph: RunningSubgraph;
  let stopRelay: () => Promise<void>;
  let mint: (userId: string | null) => Promise<string>;
  const received: EventEnvelope[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase('users');
    database = await openDatabase({ driver: 'postgres', url: testDb.url });
    await runMigrations(database, usersModule.migrations);
    transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: uniqueKafkaName('users-test'), consumer: fastKafkaConsumer });
    const keys = await generateInternalKeyPair();
    const minter = createInternalTokenMinter({ privateKey: keys.privateKey });
    mint = (userId) => minter.mint({ audience: 'users', userId, roles: userId ? ['customer'] : [] });
    const { stop, ...parts } = await usersModule.create(
      {
        signingKeys: [(await generateSigningKey()).privateJwk as Record<string, unknown>],
        issuer: 'test',
        audience: 'test',
        accessTokenTtlSeconds: 60,
        refreshTokenTtlSeconds: 3600,
      },
      { database, transport, logger, cache: new MemoryCache({ keyPrefix: 'users' }), pubsub: new MemoryPubSub({ keyPrefix: 'users' }) },
    );
    stopRelay = async () => stop?.();
    subgraph = await startSubgraph({
      ...parts,
      name: 'users',
      typeDefs: usersModule.typeDefs,
      port: 0,
      logger,
      internalTokens: createInternalTokenVerifier({ publicKey: keys.publicKey, audience: 'users' }),
    });
    await transport.subscribe({
      groupId: uniqueKafkaName('users-test-group'),
      topics: [userRegistered.topic],
      handler: async (envelope) => {
        received.push(envelope);
      },
    });
  });

  afterAll(async () => {
    await subgraph?.stop();
    await stopRelay?.();
    await transport?.close();
    await database?.close();
    await testDb?.drop();
  });

  const call = async <TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, userId: string | null = null) => {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-internal-token': await mint(userId) },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return (await response.json()) as { data: TData };
  };

  it('register commits the user and publishes user.registered through the outbox', async () => {
    const email = `${uniqueKafkaName('kafka')}@example.com`;
    const result = await call(RegisterDocument, { input: { email, password: 'correct-horse-battery-9', name: 'Kafka Reader' } });
    const userId = result.data.register.session!.user.id;

    await eventually(() => received.some((e) => e.aggregateId === userId), { what: `user.registered of ${userId}` });
    const events = received.filter((e) => e.aggregateId === userId);
    expect(events).toHaveLength(1);
    expect(userRegistered.parse(events[0]).data).toEqual({ userId, email, name: 'Kafka Reader' });
  });

  it('resolves a batch of User references in one request', async () => {
    const ids: string[] = [];
    for (const label of ['a', 'b', 'c']) {
      const result = await call(RegisterDocument, {
        input: { email: `${uniqueKafkaName(label)}@example.com`, password: 'correct-horse-battery-9', name: `User ${label}` },
      });
      ids.push(result.data.register.session!.user.id);
    }
    const entities = await call(
      UserReferencesDocument,
      { reps: [...ids, '00000000-0000-0000-0000-000000000000'].map((id) => ({ __typename: 'User', id })) },
      ids[0],
    );
    expect(entities.data._entities).toEqual([
      { id: ids[0], name: 'User a', email: expect.stringContaining('@example.com') },
      { id: ids[1], name: 'User b', email: null },
      { id: ids[2], name: 'User c', email: null },
      null,
    ]);
  });
});
