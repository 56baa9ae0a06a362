import { describe, expect, it } from 'vitest';
import { currentRequestScope, runInRequestScope, trackRequestScopes } from './request-scope';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('request scopes', () => {
  it('are not tracked until asked for', async () => {
    const seen = await runInRequestScope({ subgraph: 'a', requestId: 'r-1' }, async () => {
      await tick();
      return currentRequestScope();
    });
    expect(seen).toBeUndefined();
  });

  it('once tracked, follow each request across awaits without crossing over', async () => {
    trackRequestScopes();
    const observe = (requestId: string) =>
      runInRequestScope({ subgraph: 'inventory', requestId }, async () => {
        await tick();
        return currentRequestScope()?.requestId;
      });
    expect(await Promise.all([observe('r-1'), observe('r-2')])).toEqual(['r-1', 'r-2']);
    expect(currentRequestScope()).toBeUndefined();
  });
});
