import { fileURLToPath } from 'node:url';

/** One bundled file of the explorer, held in memory. */
export interface ExplorerAsset {
  contentType: string;
  body: Uint8Array;
}

const contentTypes: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  svg: 'image/svg+xml',
  png: 'image/png',
};

/**
 * Bundles GraphiQL, its explorer plugin and React from node_modules into a script and a stylesheet
 * (fonts and images inlined), so the page needs nothing but the router: no CDN, works offline.
 * esbuild is a development dependency, which is why only development routers serve the explorer.
 */
export async function buildExplorerAssets(): Promise<Map<string, ExplorerAsset>> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: { explorer: fileURLToPath(new URL('./app/explorer-app.ts', import.meta.url)) },
    bundle: true,
    write: false,
    outdir: 'assets',
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff2': 'dataurl', '.woff': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
    logLevel: 'silent',
  });
  const assets = new Map<string, ExplorerAsset>();
  for (const file of result.outputFiles) {
    const name = file.path.split('/').pop()!;
    assets.set(name, { contentType: contentTypes[name.split('.').pop()!] ?? 'application/octet-stream', body: file.contents });
  }
  return assets;
}
