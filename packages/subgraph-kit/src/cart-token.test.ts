import { describe, expect, it } from 'vitest';
import type { Viewer } from './context';
import { cartTokenKey, guestCustomerId, newCartToken, ownsOrAdmin, ownsOrGuestOrAdmin } from './cart-token';

const owner: Viewer = { userId: 'u1', roles: ['customer'] };
const other: Viewer = { userId: 'u2', roles: ['customer'] };
const admin: Viewer = { userId: 'u3', roles: ['customer', 'admin'] };
const guestKey = cartTokenKey(newCartToken());
const otherGuestKey = cartTokenKey(newCartToken());

const callers = [
  { viewer: null },
  { viewer: owner },
  { viewer: other },
  { viewer: admin },
  { viewer: null, guestKey },
  { viewer: null, guestKey: otherGuestKey },
];

describe('ownsOrAdmin', () => {
  it("lets in a user's data its user and admins; a guest's data its guest and admins", () => {
    expect(callers.map((caller) => ownsOrAdmin(caller, 'u1'))).toEqual([false, true, false, true, false, false]);
    expect(callers.map((caller) => ownsOrAdmin(caller, guestCustomerId(guestKey)))).toEqual([false, false, false, true, true, false]);
  });
});

describe('ownsOrGuestOrAdmin', () => {
  it("lets in a user's cart its user and admins only", () => {
    expect(callers.map((caller) => ownsOrGuestOrAdmin(caller, { ownerId: 'u1', guestKey: null }))).toEqual([false, true, false, true, false, false]);
  });

  it("lets in a guest's cart (no owner) its guest and admins only", () => {
    expect(callers.map((caller) => ownsOrGuestOrAdmin(caller, { ownerId: null, guestKey }))).toEqual([false, false, false, true, true, false]);
  });

  it('lets in a claimed guest order both its new owner and the guest whose token placed it', () => {
    expect(callers.map((caller) => ownsOrGuestOrAdmin(caller, { ownerId: 'u1', guestKey }))).toEqual([false, true, false, true, true, false]);
  });
});
