import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { hasRole, isAdmin, isOwnerOrAdmin, requireOwnerOrAdmin, requireRole, type SubgraphContext, type Viewer } from './context';

const contextOf = (viewer: Viewer | null): SubgraphContext => ({ viewer, requestId: 'r1', logger: pino({ enabled: false }) });

describe('hasRole / requireRole', () => {
  it('answers false for anonymous callers and viewers without the role, true with it', () => {
    expect(hasRole(contextOf(null), 'admin')).toBe(false);
    expect(hasRole(contextOf({ userId: 'u1', roles: ['customer'] }), 'admin')).toBe(false);
    expect(hasRole(contextOf({ userId: 'u1', roles: ['customer', 'admin'] }), 'admin')).toBe(true);
  });

  it('refuses with the same stable codes requireRole always had', () => {
    expect(() => requireRole(contextOf(null), 'admin')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
    expect(() => requireRole(contextOf({ userId: 'u1', roles: ['customer'] }), 'admin')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
    expect(requireRole(contextOf({ userId: 'u1', roles: ['admin'] }), 'admin')).toEqual({ userId: 'u1', roles: ['admin'] });
  });
});

describe('isAdmin / isOwnerOrAdmin / requireOwnerOrAdmin', () => {
  const owner: Viewer = { userId: 'u1', roles: ['customer'] };
  const other: Viewer = { userId: 'u2', roles: ['customer'] };
  const admin: Viewer = { userId: 'u3', roles: ['customer', 'admin'] };

  it('lets the owner and admins in, nobody else', () => {
    expect([null, owner, other, admin].map((viewer) => isOwnerOrAdmin(viewer, 'u1'))).toEqual([false, true, false, true]);
    expect([null, owner, admin].map((viewer) => isAdmin(viewer))).toEqual([false, false, true]);
  });

  it('refuses anyone else with FORBIDDEN and the given message', () => {
    expect(() => requireOwnerOrAdmin(other, 'u1', 'Only the author')).toThrow(
      expect.objectContaining({ message: 'Only the author', extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
    expect(() => requireOwnerOrAdmin(other, 'u1')).toThrow('You are not allowed to do this');
    expect(requireOwnerOrAdmin(admin, 'u1')).toBe(admin);
  });
});
