import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, installed by scripts/browser.sh; Playwright never downloads a browser here. */
export const chromiumPath = '/usr/bin/chromium';

const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const isLocal = (url: string) => {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
};

export interface OfflineBrowser {
  context: BrowserContext;
  /** Every request the page tried to send off the machine (each was aborted). */
  blocked: string[];
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile in which every request to anything but localhost is
 * aborted: a page that works here needs no internet.
 */
export async function launchOfflineBrowser(): Promise<OfflineBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'explorer-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    args,
    headless: true,
    viewport: { width: 1400, height: 900 },
  });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    blocked.push(url);
    return route.abort('internetdisconnected');
  });
  await context.routeWebSocket(/.*/, (ws) => {
    if (isLocal(ws.url())) return ws.connectToServer();
    blocked.push(ws.url());
    return ws.close();
  });
  return {
    context,
    blocked,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
