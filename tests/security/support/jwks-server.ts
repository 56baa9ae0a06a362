import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';

export interface JwksServer {
  url: string;
  /** Replaces the published key set (public JWKs). */
  publish(keys: JWK[]): void;
  /** While down, every fetch gets a 500 (an outage of the users subgraph). */
  setDown(down: boolean): void;
  /** How many times the key set was fetched. */
  fetches(): number;
  close(): Promise<void>;
}

/** A stand-in for the users subgraph's `/.well-known/jwks.json` whose keys a test can rotate. */
export async function startJwksServer(initial: JWK[]): Promise<JwksServer> {
  let keys = initial;
  let down = false;
  let fetches = 0;
  const server = createServer((_req, res) => {
    fetches += 1;
    res.setHeader('content-type', 'application/json');
    if (down) {
      res.statusCode = 500;
      return res.end('{"error":"down"}');
    }
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    publish: (next) => {
      keys = next;
    },
    setDown: (value) => {
      down = value;
    },
    fetches: () => fetches,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
