import { z } from 'zod';
import { defineEvent } from '../define-event';

/** Every event about a user, keyed by user id so one user's events stay in order. */
export const usersTopic = 'shop.users';

/** A new account exists (published by users; welcome mail, wishlist set-up, ...). */
export const userRegistered = defineEvent({
  type: 'user.registered',
  topic: usersTopic,
  version: 1,
  schema: z.object({
    userId: z.string().min(1),
    email: z.email(),
    name: z.string().min(1),
  }),
});

export type UserRegistered = z.infer<typeof userRegistered.schema>;
