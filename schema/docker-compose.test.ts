import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { subgraphs } from './subgraphs';

interface Service {
  command?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service> };

describe('docker-compose.yml', () => {
  it.each(subgraphs.map((s) => [s.name, s.port] as const))('runs subgraph %s with a health check', (name, port) => {
    const service = compose.services[name];
    expect(service?.environment?.SERVICE).toBe(name);
    expect(service?.environment?.PORT).toBe(port);
    expect(service?.healthcheck?.test.join(' ')).toContain('/ready');
    expect(service?.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
  });

  it('migrates every subgraph before the subgraphs start', () => {
    const loop = compose.services.migrate?.command?.join(' ') ?? '';
    expect(loop.match(/for s in ([\w ]+);/)?.[1]?.split(' ')).toEqual(subgraphs.map((s) => s.name));
  });

  it('starts the router once Redis and every subgraph are healthy', () => {
    expect(compose.services.router?.depends_on).toEqual(
      Object.fromEntries(['redis', ...subgraphs.map((s) => s.name)].map((name) => [name, { condition: 'service_healthy' }])),
    );
  });

  it('routes the router to every subgraph service', () => {
    const urls = JSON.parse(String(compose.services.router?.environment?.SUBGRAPH_URLS)) as Record<string, string>;
    expect(urls).toEqual(Object.fromEntries(subgraphs.map((s) => [s.name, `http://${s.name}:${s.port}/graphql`])));
  });

  it('has the servers every mode needs', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'mongo', 'redis', 'kafka', 'router', 'migrate']));
  });
});
