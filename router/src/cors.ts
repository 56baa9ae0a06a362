import type { IncomingMessage, ServerResponse } from 'node:http';

export interface CorsOptions {
  /** Allowed origins, exactly as browsers send them (`https://shop.example`); `*` allows any. */
  origins: readonly string[];
  /**
   * Also allow any `http://localhost:<port>`, `http://127.0.0.1:<port>` and `http://[::1]:<port>`
   * origin, so a front end on a dev server (Vite's 5173, Next's 3000, ...) works without
   * configuration. Development only: `startRouter` ignores it when `production` is set.
   * @default false
   */
  localOrigins?: boolean;
  /** Let browsers send cookies / HTTP auth; never combined with a wildcard answer. @default false */
  credentials?: boolean;
  /** How long browsers may cache a preflight. @default 600 */
  maxAgeSeconds?: number;
}

const allowedHeaders = 'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, x-request-id, x-cart-token';
const localOrigin = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** The CORS policy a router applies: production answers only its allow-list, whatever else was asked. */
export function effectiveCors(cors: CorsOptions | undefined, production: boolean): CorsOptions | undefined {
  if (!production || !cors?.localOrigins) return cors;
  return { ...cors, localOrigins: false };
}

function isAllowed(origin: string, options: CorsOptions): boolean {
  return options.origins.includes(origin) || options.origins.includes('*') || (options.localOrigins === true && localOrigin.test(origin));
}

/**
 * Applies CORS to a request. Returns true when the request was a preflight and has been answered.
 * A disallowed origin gets no CORS headers at all, so the browser blocks the response.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, options: CorsOptions | undefined): boolean {
  const origin = req.headers.origin;
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  res.setHeader('vary', 'Origin');
  const allowed = origin !== undefined && options !== undefined && isAllowed(origin, options);
  if (allowed) {
    res.setHeader('access-control-allow-origin', origin);
    if (options.credentials) res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
  }
  if (!preflight) return false;
  if (allowed) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', allowedHeaders);
    res.setHeader('access-control-max-age', String(options.maxAgeSeconds ?? 600));
  }
  res.statusCode = 204;
  res.end();
  return true;
}
