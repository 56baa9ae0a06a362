import { logLevel, type logCreator } from 'kafkajs';
import type { EventsLogger } from './logger';

export type KafkaLogLevel = 'error' | 'warn' | 'info' | 'debug';

export const kafkaLogLevels: Record<KafkaLogLevel, logLevel> = {
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

/**
 * Routes kafkajs' own logging into our logger instead of its default JSON lines on stdout, which
 * would interleave with the service's structured logs. No logger: kafkajs stays silent.
 */
export function kafkaLogCreator(logger: EventsLogger | undefined): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      if (!logger) return;
      const { message, timestamp: _timestamp, ...fields } = log;
      const entry = { ...fields, kafkaNamespace: namespace };
      const text = `kafkajs: ${message}`;
      if (level <= logLevel.ERROR) logger.error(entry, text);
      else if (level === logLevel.WARN) logger.warn(entry, text);
      else if (level === logLevel.INFO) logger.info(entry, text);
      else logger.debug(entry, text);
    };
}
