import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { probeCalls } from './support/probe-subgraph';
import { startProbeRouter, type ProbeRouter } from './support/probe-router';

/** A port nothing listens on: bound once by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('router operations and resilience', () => {
  let probe: ProbeRouter;
  beforeAll(async () => {
    probe = await startProbeRouter({ subgraphTimeoutMs: 200, cors: { origins: ['https://shop.example'], credentials: true } });
  });
  afterAll(() => probe.stop());

  it('a subgraph slower than the timeout fails its fields with GATEWAY_TIMEOUT instead of hanging', async () => {
    const result = await probe.query('{ slow }');
    expect(result).toEqual({
      status: 200,
      data: { slow: null },
      errors: [{ message: 'Subgraph "probe" did not answer within 200 ms', extensions: { code: 'GATEWAY_TIMEOUT', serviceName: 'probe' } }],
    });
  });

  it('/health is always 200; /ready lists the supergraph and every subgraph', async () => {
    const base = new URL(probe.url).origin;
    const health = await fetch(`${base}/health`);
    expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await fetch(`${base}/ready`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 200,
      body: { ready: true, supergraph: 'loaded', subgraphs: { probe: 'ok' } },
    });
  });

  it('/ready is 503 and names the subgraph that does not answer', async () => {
    const broken = await startProbeRouter({ subgraphUrls: { probe: `http://127.0.0.1:${await closedPort()}/graphql` } });
    try {
      const ready = await fetch(`${new URL(broken.url).origin}/ready`);
      const body = (await ready.json()) as { ready: boolean; subgraphs: Record<string, string> };
      expect(ready.status).toBe(503);
      expect(body).toEqual({ ready: false, supergraph: 'loaded', subgraphs: { probe: expect.stringContaining('ECONNREFUSED') } });
    } finally {
      await broken.stop();
    }
  });

  it('CORS: an allowed origin gets a preflight answer and credentialed responses; another origin gets nothing', async () => {
    const preflight = (from: string) =>
      fetch(probe.url, {
        method: 'OPTIONS',
        headers: { origin: from, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight('https://shop.example');
    expect(allowed.status).toBe(204);
    expect(Object.fromEntries([...allowed.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': 'https://shop.example',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, x-request-id, x-cart-token',
      'access-control-expose-headers': 'x-request-id, retry-after',
      'access-control-max-age': '600',
    });
    const denied = await preflight('https://evil.example');
    expect(denied.status).toBe(204);
    expect([...denied.headers].filter(([name]) => name.startsWith('access-control-'))).toEqual([]);

    const response = await probe.post({ query: '{ viewer { userId } }' }, { origin: 'https://shop.example' });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(response.headers.get('vary')).toMatch(/Origin/);
    const foreign = await probe.post({ query: '{ viewer { userId } }' }, { origin: 'https://evil.example' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('graceful shutdown', () => {
  it('finishes an in-flight request, then refuses new connections', async () => {
    const probe = await startProbeRouter({ subgraphTimeoutMs: 10_000 });
    const started = probeCalls.slow;
    const inFlight = probe.query('{ slow }');
    await vi.waitFor(() => expect(probeCalls.slow).toBe(started + 1), { timeout: 5_000, interval: 10 });
    await probe.router.stop();
    expect(await inFlight).toEqual({ status: 200, data: { slow: 'finally' } });
    await expect(fetch(probe.url, { method: 'POST' })).rejects.toThrow();
    await probe.stop();
  });

  it('cuts requests still running at the drain deadline', async () => {
    const probe = await startProbeRouter({ subgraphTimeoutMs: 10_000, drainTimeoutMs: 50 });
    const started = probeCalls.slow;
    const outcome = probe.query('{ slow }').then(
      () => 'answered',
      () => 'connection cut',
    );
    await vi.waitFor(() => expect(probeCalls.slow).toBe(started + 1), { timeout: 5_000, interval: 10 });
    await probe.router.stop();
    expect(await outcome).toBe('connection cut');
    await probe.stop();
  });
});
