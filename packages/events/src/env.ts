import { z } from 'zod';

const namespace = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "-" or "_"');
const millis = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

/**
 * The env fragment of every deployable that produces or consumes events:
 * `EVENTS_TRANSPORT=kafka` + `KAFKA_BROKERS`, or `local` (in-process: only meaningful when every
 * subgraph shares one process, as in embedded mode).
 * (Named env.ts because it defines env parsing; it does not read process.env itself.)
 */
export const eventsEnvShape = {
  EVENTS_TRANSPORT: z.enum(['kafka', 'local']).default('local'),
  KAFKA_BROKERS: z.string().optional(),
  KAFKA_CLIENT_ID: z.string().default('shop'),
  /** Prefix of every topic and consumer group, so several shops can share one Kafka cluster. */
  EVENTS_NAMESPACE: namespace.optional(),
  /** How long a silent consumer keeps its partitions (a killed replica's work moves after it). @default kafkajs' 30 000 */
  KAFKA_SESSION_TIMEOUT_MS: millis(6_000, 300_000),
  /** @default kafkajs' 3 000; must stay well under the session timeout. */
  KAFKA_HEARTBEAT_INTERVAL_MS: millis(100, 60_000),
  /** Partitions of the topics this shop creates: at most this many replicas of a subgraph share one consumer group's work. @default 3 */
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1_000).optional(),
};

export interface KafkaTransportConfig {
  kind: 'kafka';
  brokers: string[];
  clientId: string;
  namespace?: string;
  consumer?: { sessionTimeout?: number; heartbeatInterval?: number };
  numPartitions?: number;
}

export type TransportConfig = { kind: 'local' } | KafkaTransportConfig;

interface EventsEnv {
  EVENTS_TRANSPORT: 'kafka' | 'local';
  KAFKA_BROKERS?: string | undefined;
  KAFKA_CLIENT_ID: string;
  EVENTS_NAMESPACE?: string | undefined;
  KAFKA_SESSION_TIMEOUT_MS?: number | undefined;
  KAFKA_HEARTBEAT_INTERVAL_MS?: number | undefined;
  KAFKA_TOPIC_PARTITIONS?: number | undefined;
}

export function transportConfigFromEnv(env: EventsEnv): TransportConfig {
  if (env.EVENTS_TRANSPORT === 'local') return { kind: 'local' };
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is required when EVENTS_TRANSPORT=kafka');
  const consumer = {
    ...(env.KAFKA_SESSION_TIMEOUT_MS !== undefined ? { sessionTimeout: env.KAFKA_SESSION_TIMEOUT_MS } : {}),
    ...(env.KAFKA_HEARTBEAT_INTERVAL_MS !== undefined ? { heartbeatInterval: env.KAFKA_HEARTBEAT_INTERVAL_MS } : {}),
  };
  return {
    kind: 'kafka',
    brokers,
    clientId: env.KAFKA_CLIENT_ID,
    ...(env.EVENTS_NAMESPACE !== undefined ? { namespace: env.EVENTS_NAMESPACE } : {}),
    ...(Object.keys(consumer).length > 0 ? { consumer } : {}),
    ...(env.KAFKA_TOPIC_PARTITIONS !== undefined ? { numPartitions: env.KAFKA_TOPIC_PARTITIONS } : {}),
  };
}
