import { z } from 'zod';
import { defineDataEvent, defineEvent } from '../define-event';

/** Every event about a user, keyed by user id so one user's events stay in order. */
export const usersTopic = 'shop.users';

/** A new account exists (published by users; welcome mail, wishlist set-up, ...). */
export const userRegistered = defineDataEvent({
  type: 'user.registered',
  topic: usersTopic,
  data: {
    userId: z.string().min(1),
    email: z.email(),
    name: z.string().min(1),
  },
});

export type UserRegistered = z.infer<typeof userRegistered.schema>;

/**
 * A one-time token a user is to receive by e-mail (notifications mails it). Only the mail carries
 * the token in clear: users stores a hash of it, and notifications drops it once the mail left.
 */
const emailedToken = z.object({
  userId: z.string().min(1),
  email: z.email(),
  name: z.string().min(1),
  token: z.string().min(32),
  /** ISO timestamp after which the token is refused. */
  expiresAt: z.iso.datetime(),
});

/** The user asked to prove they own their address (or registered): mail them the verification token. */
export const userEmailVerificationRequested = defineEvent({
  type: 'user.email-verification-requested',
  topic: usersTopic,
  version: 1,
  schema: emailedToken,
});

/** Someone asked to reset this account's password: mail the account's address the reset token. */
export const userPasswordResetRequested = defineEvent({
  type: 'user.password-reset-requested',
  topic: usersTopic,
  version: 1,
  schema: emailedToken,
});

/** The password was changed (by a reset); every session was signed out. Tell the owner. */
export const userPasswordChanged = defineDataEvent({
  type: 'user.password-changed',
  topic: usersTopic,
  data: { userId: z.string().min(1), email: z.email(), name: z.string().min(1), at: z.iso.datetime() },
});

/** The user proved they own `email` (verifyEmail): orders lets them claim guest orders placed with it. */
export const userEmailVerified = defineDataEvent({
  type: 'user.email-verified',
  topic: usersTopic,
  data: { userId: z.string().min(1), email: z.email(), at: z.iso.datetime() },
});

export type UserEmailedToken = z.infer<typeof emailedToken>;
export type UserPasswordChanged = z.infer<typeof userPasswordChanged.schema>;
