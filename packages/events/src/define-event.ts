import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { describeIssues, InvalidEventError, parseEnvelope, type EventEnvelope } from './envelope';

export interface EventDefinition<T> {
  /** Past tense, `<domain>.<verb-ed>` (e.g. `user.registered`): an event states a fact. */
  type: string;
  /**
   * Kafka topic, one per aggregate/domain (e.g. `shop.users`): with the aggregate id as message
   * key, every event of one aggregate lands on one partition and keeps its order.
   *
   * Or one topic per audience: an event written to each topic in the list, so a consumer group
   * whose topic carries only what it acts on never receives (and skips) the rest of the domain's
   * traffic. Each audience's topic still holds every event it reads for one aggregate, in order.
   */
  topic: string | readonly [string, ...string[]];
  /** Version of the data schema; bump on a breaking change so old consumers fail loudly. */
  version: number;
  /** zod schema of `data`; checked when the event is created and again when it is consumed. */
  schema: z.ZodType<T>;
}

export interface CreateEventOptions {
  /** W3C trace context of the current request. */
  traceparent?: string;
}

/** A shared, typed description of one event: the only thing producers and consumers both import. */
export interface EventContract<T> {
  readonly type: string;
  /** The first (for most events the only) topic the event is written to. */
  readonly topic: string;
  /** Every topic the event is written to: one row per topic in the outbox, one message per topic. */
  readonly topics: readonly string[];
  readonly version: number;
  readonly schema: z.ZodType<T>;
  /** Builds a new envelope (fresh id, now); throws InvalidEventError when `data` is invalid. */
  create(aggregateId: string, data: T, options?: CreateEventOptions): EventEnvelope<T>;
  /** Validates envelope, type, version and data; throws InvalidEventError saying what is wrong. */
  parse(input: unknown): EventEnvelope<T>;
  /** True when the envelope claims to be this event (routing on a topic that carries several). */
  matches(envelope: EventEnvelope): boolean;
}

const typePattern = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
// Kafka's legal topic characters and length.
const topicPattern = /^[a-zA-Z0-9._-]{1,249}$/;

export function defineEvent<T>(definition: EventDefinition<T>): EventContract<T> {
  const { type, version, schema } = definition;
  const topics: readonly string[] = typeof definition.topic === 'string' ? [definition.topic] : [...definition.topic];
  if (!typePattern.test(type)) throw new Error(`defineEvent: type "${type}" must look like "domain.verbed"`);
  if (topics.length === 0) throw new Error(`defineEvent(${type}): topic must name at least one topic`);
  for (const topic of topics) if (!topicPattern.test(topic)) throw new Error(`defineEvent(${type}): topic "${topic}" is not a legal Kafka topic name`);
  if (new Set(topics).size !== topics.length) throw new Error(`defineEvent(${type}): topics must be distinct`);
  if (!Number.isInteger(version) || version < 1) throw new Error(`defineEvent(${type}): version must be a positive integer`);

  const parseData = (data: unknown): T => {
    const result = schema.safeParse(data);
    if (!result.success) throw new InvalidEventError(`Invalid ${type} event: ${describeIssues(result.error, 'data')}`);
    return result.data;
  };

  return {
    type,
    topic: topics[0]!,
    topics,
    version,
    schema,
    create(aggregateId, data, options) {
      if (!aggregateId) throw new InvalidEventError(`Invalid ${type} event: aggregateId is empty`);
      return {
        id: randomUUID(),
        type,
        aggregateId,
        occurredAt: new Date().toISOString(),
        version,
        ...(options?.traceparent ? { traceparent: options.traceparent } : {}),
        data: parseData(data),
      };
    },
    parse(input) {
      const envelope = parseEnvelope(input);
      if (envelope.type !== type) throw new InvalidEventError(`Expected a ${type} event, got ${envelope.type}`);
      if (envelope.version !== version) {
        throw new InvalidEventError(`Unsupported ${type} version ${envelope.version} (this consumer reads version ${version})`);
      }
      return { ...envelope, data: parseData(envelope.data) };
    },
    matches: (envelope) => envelope.type === type,
  };
}

/** `defineEvent`'s definition for the usual event: the fields of its data, version 1 unless said. */
export interface DataEventDefinition<S extends z.ZodRawShape> extends Omit<EventDefinition<unknown>, 'version' | 'schema'> {
  /** @default 1 */
  version?: number;
  /** zod schemas of the fields of `data`; the event's schema is the object of them. */
  data: S;
}

/**
 * The one shape of an event contract whose data is an object of fields (nearly every one):
 * `defineEvent` with `schema: z.object(data)`. An event whose data is a shared snapshot schema
 * calls `defineEvent` with it.
 */
export function defineDataEvent<S extends z.ZodRawShape>({
  data,
  version = 1,
  ...definition
}: DataEventDefinition<S>): EventContract<z.output<z.ZodObject<S>>> {
  return defineEvent({ ...definition, version, schema: z.object(data) });
}
