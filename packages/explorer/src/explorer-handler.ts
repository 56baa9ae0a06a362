import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildExplorerAssets, type ExplorerAsset } from './build-explorer';
import { explorerPage } from './explorer-page';

export interface ExplorerOptions {
  /** Where the page sends operations (and graphql-ws subscriptions), relative to the page. @default '/graphql' */
  endpoint?: string;
  /** The operation a first visit opens with. */
  defaultQuery?: string;
}

/** An HTTP handler a router consults first; true when it answered the request. */
export interface Explorer {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

const assetPrefix = '/explorer/assets/';

/** True for what a browser's address bar sends to the endpoint: a GET that prefers HTML. */
function wantsPage(req: IncomingMessage, path: string, search: URLSearchParams): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (path === '/explorer') return true;
  // `?sandbox` falls through to Apollo's landing page (Sandbox, loaded from Apollo's CDN).
  if ((path !== '/graphql' && path !== '/') || search.has('sandbox')) return false;
  return (req.headers.accept ?? '').split(',')[0]!.trim().startsWith('text/html');
}

/**
 * GraphiQL served by the router itself: the page on `GET /graphql` (Accept: text/html) and
 * `/explorer`, its bundle under `/explorer/assets/`. The bundle is built on the first visit and
 * kept in memory, so routers nobody browses (tests) pay nothing.
 */
export function createExplorer(options: ExplorerOptions = {}): Explorer {
  let assets: Promise<Map<string, ExplorerAsset>> | undefined;
  const load = () => {
    assets ??= buildExplorerAssets().catch((error: unknown) => {
      assets = undefined;
      throw error;
    });
    return assets;
  };
  const page = explorerPage({ endpoint: options.endpoint ?? '/graphql', defaultQuery: options.defaultQuery ?? '' });

  return {
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://router');
      if (url.pathname.startsWith(assetPrefix) && (req.method === 'GET' || req.method === 'HEAD')) {
        const asset = (await load()).get(url.pathname.slice(assetPrefix.length));
        res.statusCode = asset ? 200 : 404;
        res.setHeader('content-type', asset?.contentType ?? 'text/plain; charset=utf-8');
        res.setHeader('cache-control', 'no-cache');
        res.end(req.method === 'HEAD' ? undefined : (asset?.body ?? 'Not found'));
        return true;
      }
      if (!wantsPage(req, url.pathname, url.searchParams)) return false;
      await load();
      res.statusCode = 200;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      // The page may talk to this router only: nothing it loads or sends leaves the machine.
      res.setHeader(
        'content-security-policy',
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      );
      res.end(req.method === 'HEAD' ? undefined : page);
      return true;
    },
  };
}
