import type { Server, ServerResponse } from 'node:http';

export interface Drainer {
  /** Tracks an in-flight response; once draining, its connection is not kept alive. */
  track(res: ServerResponse): void;
  /** Stops accepting, lets in-flight requests finish (at most `timeoutMs`), then closes every socket. */
  drain(timeoutMs: number): Promise<void>;
}

/**
 * Graceful HTTP shutdown: `server.close()` stops accepting and resolves when every connection is
 * gone; idle keep-alive sockets are closed at once; in-flight responses are told `connection:
 * close` so their sockets end after the response; whatever is still open at the deadline is cut.
 */
export function createDrainer(server: Server): Drainer {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  return {
    track(res) {
      if (draining) res.setHeader('connection', 'close');
      inFlight.add(res);
      res.once('close', () => inFlight.delete(res));
    },
    async drain(timeoutMs) {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, timeoutMs);
      });
      await Promise.race([closed, deadline]);
      clearTimeout(timer);
      await closed;
    },
  };
}
