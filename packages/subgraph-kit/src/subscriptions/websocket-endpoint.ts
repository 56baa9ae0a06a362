import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';

export interface WebSocketEndpointOptions {
  /** graphql-ws' server on `wss` (what `useServer` returns): disposing it closes every socket with 1001. */
  graphqlWs: { dispose(): void | Promise<void> };
  /**
   * A last word on an upgrade to `/graphql` (e.g. connections per IP): return false after
   * answering it with `refuseUpgrade`. @default every upgrade is admitted
   */
  admit?: (req: IncomingMessage, socket: Duplex) => boolean;
}

export interface WebSocketEndpoint {
  /** Stops accepting upgrades and closes every socket (forced after 3 s); idempotent. */
  close(): Promise<void>;
}

const closeWaitMs = 3_000;

/** Answers an upgrade request with a plain HTTP status and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Serves `wss` on the HTTP server's `/graphql` (other paths get 404) and closes it cleanly: the
 * upgrade and shutdown half of a graphql-ws endpoint, shared by the router and the subgraphs.
 */
export function attachWebSocketEndpoint(server: Server, wss: WebSocketServer, options: WebSocketEndpointOptions): WebSocketEndpoint {
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((req.url ?? '/').split('?')[0] !== '/graphql') return refuseUpgrade(socket, 404, 'Not Found');
    if (options.admit && !options.admit(req, socket)) return;
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);

  let closing: Promise<void> | undefined;
  const close = async () => {
    server.off('upgrade', onUpgrade);
    // A peer that never answers the close frame must not hold the shutdown for ws's 30 s.
    const force = setTimeout(() => {
      for (const socket of wss.clients) socket.terminate();
    }, closeWaitMs);
    try {
      await options.graphqlWs.dispose();
    } finally {
      clearTimeout(force);
    }
  };
  // Idempotent: a second stop() must not fail on the already closed WebSocket server.
  return { close: () => (closing ??= close()) };
}
