import type { SubscribeOptions } from './event-transport';

/** Headers a dead-lettered message carries besides its original ones. */
export const deadLetterHeaders = {
  error: 'x-dead-letter-error',
  group: 'x-dead-letter-group',
  attempts: 'x-dead-letter-attempts',
  originalTopic: 'x-dead-letter-original-topic',
  originalPartition: 'x-dead-letter-original-partition',
  originalOffset: 'x-dead-letter-original-offset',
  failedAt: 'x-dead-letter-failed-at',
} as const;

/** Why and from where a message was dead-lettered. */
export interface DeadLetterInfo {
  error: string;
  /** The consumer group that gave up: several groups may dead-letter to one topic. */
  group: string;
  /** Handler attempts made; 0 when the message was not a valid event and never reached it. */
  attempts: number;
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
}

/** A message read back from a dead-letter topic. */
export interface DeadLetter extends DeadLetterInfo {
  key: string | null;
  /** The original message value, untouched, so it can be inspected and replayed. */
  value: string;
}

// Headers are strings on the wire; keep the error short enough for Kafka header limits.
const maxErrorLength = 2_000;

export function encodeDeadLetterHeaders(info: DeadLetterInfo): Record<string, string> {
  return {
    [deadLetterHeaders.error]: info.error.slice(0, maxErrorLength),
    [deadLetterHeaders.group]: info.group,
    [deadLetterHeaders.attempts]: String(info.attempts),
    [deadLetterHeaders.originalTopic]: info.originalTopic,
    [deadLetterHeaders.originalPartition]: String(info.originalPartition),
    [deadLetterHeaders.originalOffset]: info.originalOffset,
    [deadLetterHeaders.failedAt]: new Date().toISOString(),
  };
}

export function decodeDeadLetterHeaders(headers: Record<string, string | undefined>): DeadLetterInfo {
  return {
    error: headers[deadLetterHeaders.error] ?? '',
    group: headers[deadLetterHeaders.group] ?? '',
    attempts: Number(headers[deadLetterHeaders.attempts] ?? 0),
    originalTopic: headers[deadLetterHeaders.originalTopic] ?? '',
    originalPartition: Number(headers[deadLetterHeaders.originalPartition] ?? -1),
    originalOffset: headers[deadLetterHeaders.originalOffset] ?? '',
  };
}

export function resolveDeadLetterTopic(option: SubscribeOptions['deadLetterTopic'], topic: string): string {
  if (typeof option === 'function') return option(topic);
  return option ?? `${topic}.dlq`;
}
