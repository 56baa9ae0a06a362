import { z } from 'zod';

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
};

export type TransportConfig = { kind: 'local' } | { kind: 'kafka'; brokers: string[]; clientId: string };

export function transportConfigFromEnv(env: { EVENTS_TRANSPORT: 'kafka' | 'local'; KAFKA_BROKERS?: string | undefined; KAFKA_CLIENT_ID: string }): TransportConfig {
  if (env.EVENTS_TRANSPORT === 'local') return { kind: 'local' };
  const brokers = (env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is required when EVENTS_TRANSPORT=kafka');
  return { kind: 'kafka', brokers, clientId: env.KAFKA_CLIENT_ID };
}
