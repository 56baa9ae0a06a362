import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { hasRole, requireRole, type SubgraphContext, type Viewer } from './context';

const contextOf = (viewer: Viewer | null): SubgraphContext => ({ viewer, requestId: 'r1', logger: pino({ enabled: false }) });

describe('hasRole / requireRole', () => {
  it('answers false for anonymous callers and viewers without the role, true with it', () => {
    expect(hasRole(contextOf(null), 'admin')).toBe(false);
    expect(hasRole(contextOf({ userId: 'u1', roles: ['customer'] }), 'admin')).toBe(false);
    expect(hasRole(contextOf({ userId: 'u1', roles: ['customer', 'admin'] }), 'admin')).toBe(true);
  });

  it('refuses with the same stable codes requireRole always had', () => {
    expect(() => requireRole(contextOf(null), 'admin')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
    expect(() => requireRole(contextOf({ userId: 'u1', roles: ['customer'] }), 'admin')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
    expect(requireRole(contextOf({ userId: 'u1', roles: ['admin'] }), 'admin')).toEqual({ userId: 'u1', roles: ['admin'] });
  });
});
