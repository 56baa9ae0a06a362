import type { Logger } from 'pino';

/**
 * Stops everything in reverse start order on SIGTERM/SIGINT (servers first, then the
 * connections they use), then exits; a second signal exits at once.
 */
export function stopOnSignals(logger: Logger, stops: Array<() => Promise<void>>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    (async () => {
      for (const stop of [...stops].reverse()) {
        try {
          await stop();
        } catch (error) {
          logger.error({ err: error }, 'error while stopping');
        }
      }
      process.exit(0);
    })();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
