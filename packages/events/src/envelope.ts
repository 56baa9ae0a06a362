import { z } from 'zod';

/**
 * What travels on every topic. The envelope is the same for every event so transports, the
 * outbox and the inbox can handle any event without knowing its contract.
 */
export interface EventEnvelope<T = unknown> {
  /** uuid; consumers deduplicate on it (inbox), so a redelivered event keeps its id. */
  id: string;
  /** Past tense, `<domain>.<verb-ed>`, e.g. `user.registered`. */
  type: string;
  /** The entity the event is about; also the Kafka message key, which keeps its events in order. */
  aggregateId: string;
  /** ISO 8601 instant at which the producer created the event. */
  occurredAt: string;
  /** Contract version of `data`; a breaking change to the data schema bumps it. */
  version: number;
  /** W3C trace context of the request that caused the event, to continue the trace downstream. */
  traceparent?: string;
  data: T;
}

/** A message that is not a valid event. Transports do not retry it: parsing again cannot help. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  aggregateId: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  version: z.int().positive(),
  traceparent: z.string().min(1).optional(),
  data: z.unknown().refine((value) => value !== undefined, 'Required'),
});

/** `path: message` per issue, so a dead-letter header says exactly what was wrong. */
export function describeIssues(error: z.ZodError, root?: string): string {
  return error.issues.map((issue) => `${[...(root ? [root] : []), ...issue.path.map(String)].join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/** Validates the envelope only (data stays `unknown`); contracts validate their data on top. */
export function parseEnvelope(input: unknown): EventEnvelope {
  const result = envelopeSchema.safeParse(input);
  if (!result.success) throw new InvalidEventError(`Invalid event envelope: ${describeIssues(result.error)}`);
  return result.data as EventEnvelope;
}

/** Decodes a message value off the wire (JSON text) into an envelope. */
export function decodeEnvelope(value: string | Buffer | null): EventEnvelope {
  if (value === null) throw new InvalidEventError('Invalid event envelope: message has no value');
  let json: unknown;
  try {
    json = JSON.parse(value.toString());
  } catch (error) {
    throw new InvalidEventError(`Invalid event envelope: not JSON (${(error as Error).message})`);
  }
  return parseEnvelope(json);
}

/**
 * Message headers derived from the envelope, so brokers' tools, tracing agents and routers can see
 * the type and trace without decoding the value.
 */
export function envelopeHeaders(envelope: EventEnvelope): Record<string, string> {
  return { 'x-event-type': envelope.type, ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}) };
}

export function encodeEnvelope(envelope: EventEnvelope): string {
  return JSON.stringify(envelope);
}
