import type { Executor } from '@shop/db';
import {
  appendToOutbox,
  userEmailVerificationRequested,
  userEmailVerified,
  userPasswordChanged,
  userPasswordResetRequested,
  userRegistered,
} from '@shop/events';
import { outbox } from '../db/schema';
import type { AccountTokenEvents } from '../services/account-token.service';

/** Records `user.registered` in the caller's transaction (keyed by user id). */
export async function announceUserRegistered(user: { id: string; email: string; name: string }, tx: Executor): Promise<void> {
  await appendToOutbox(tx, outbox, userRegistered, user.id, { userId: user.id, email: user.email, name: user.name });
}

/** The account-token events, each recorded in the caller's transaction (keyed by user id). */
export const accountTokenEvents: AccountTokenEvents = {
  resetRequested: ({ user, token, expiresAt }, tx) =>
    appendToOutbox(tx, outbox, userPasswordResetRequested, user.id, {
      userId: user.id,
      email: user.email,
      name: user.name,
      token,
      expiresAt: expiresAt.toISOString(),
    }),
  verificationRequested: ({ user, token, expiresAt }, tx) =>
    appendToOutbox(tx, outbox, userEmailVerificationRequested, user.id, {
      userId: user.id,
      email: user.email,
      name: user.name,
      token,
      expiresAt: expiresAt.toISOString(),
    }),
  passwordChanged: (user, tx) =>
    appendToOutbox(tx, outbox, userPasswordChanged, user.id, { userId: user.id, email: user.email, name: user.name, at: new Date().toISOString() }),
  emailVerified: ({ userId, email }, tx) => appendToOutbox(tx, outbox, userEmailVerified, userId, { userId, email, at: new Date().toISOString() }),
};
