import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { hashPassword, passwordProblems } from '@shop/auth';
import type { Executor } from '@shop/db';
import type { PayloadFailure } from '@shop/subgraph-kit';
import type { AccountTokenPurpose } from '../db/schema';
import type { AccountTokenStore } from '../stores/account-token.store';
import type { UserRecord, UserStore } from '../stores/user.store';
import type { LoginThrottle } from './login-throttle.service';

export type AccountTokenErrorCode = 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'WEAK_PASSWORD';
export type AccountTokenFailure = PayloadFailure<AccountTokenErrorCode>;
export type AccountTokenResult = { ok: true; errors: [] } | { ok: false; errors: AccountTokenFailure[] };

/** What users publishes about account tokens (through its outbox, in the same transaction). */
export interface AccountTokenEvents {
  resetRequested(data: { user: UserRecord; token: string; expiresAt: Date }, tx: Executor): Promise<unknown>;
  verificationRequested(data: { user: UserRecord; token: string; expiresAt: Date }, tx: Executor): Promise<unknown>;
  passwordChanged(user: UserRecord, tx: Executor): Promise<unknown>;
  emailVerified(data: { userId: string; email: string }, tx: Executor): Promise<unknown>;
}

export interface AccountTokenTtls {
  /** @default 3600 */
  passwordResetSeconds?: number;
  /** @default 86400 */
  emailVerificationSeconds?: number;
}

const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('base64url');
/** 256 random bits, URL-safe: 43 characters. */
const newToken = () => randomBytes(32).toString('base64url');
const tokenShaped = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

const invalid = (): AccountTokenResult => ({
  ok: false,
  errors: [{ code: 'TOKEN_INVALID', field: 'token', message: 'This link is not valid or was already used; ask for a new one' }],
});
const expired = (): AccountTokenResult => ({
  ok: false,
  errors: [{ code: 'TOKEN_EXPIRED', field: 'token', message: 'This link has expired; ask for a new one' }],
});

/**
 * Password reset and e-mail verification by one-time tokens that notifications mails. Only a
 * hash of a token is stored; a token works once and expires. Asking for a reset answers the same
 * whether or not the account exists, and is throttled per e-mail and client address like logins.
 */
export class AccountTokenService {
  private readonly resetTtlMs: number;
  private readonly verifyTtlMs: number;

  constructor(
    private readonly users: UserStore,
    private readonly tokens: AccountTokenStore,
    private readonly transact: <T>(work: (tx: Executor) => Promise<T>) => Promise<T>,
    private readonly events: AccountTokenEvents,
    private readonly throttle: LoginThrottle,
    ttls: AccountTokenTtls = {},
  ) {
    this.resetTtlMs = (ttls.passwordResetSeconds ?? 3600) * 1000;
    this.verifyTtlMs = (ttls.emailVerificationSeconds ?? 86_400) * 1000;
  }

  /** Always true: whether a mail went out is never revealed (nor whether the account exists, or the throttle refused). */
  async requestPasswordReset(rawEmail: string, clientIp?: string): Promise<true> {
    const parsed = email.safeParse(rawEmail);
    const permit = await this.throttle.attempt(parsed.success ? parsed.data : rawEmail.trim().toLowerCase(), clientIp);
    if (!permit.allowed || !parsed.success) return true;
    // Every request counts: a burst of reset mails to one address backs off like failed logins.
    await permit.failed();
    const user = await this.users.findByEmail(parsed.data);
    if (!user) return true;
    await this.issue(user, 'password_reset', this.resetTtlMs, (data, tx) => this.events.resetRequested(data, tx));
    return true;
  }

  async requestEmailVerification(userId: string): Promise<boolean> {
    const [user] = await this.users.findByIds([userId]);
    if (!user) return false;
    await this.issue(user, 'email_verification', this.verifyTtlMs, (data, tx) => this.events.verificationRequested(data, tx));
    return true;
  }

  /** Sets the new password and ends every session (all refresh-token families); the token and older reset tokens stop working. */
  async resetPassword(token: string, newPassword: string): Promise<AccountTokenResult> {
    if (!tokenShaped(token)) return invalid();
    const found = await this.tokens.find(hashToken(token), 'password_reset');
    if (!found || found.usedAt) return invalid();
    if (found.expiresAt.getTime() <= Date.now()) return expired();
    const problems = passwordProblems(newPassword);
    if (problems.length > 0) return { ok: false, errors: [{ code: 'WEAK_PASSWORD', field: 'newPassword', message: problems.join('; ') }] };
    const passwordHash = await hashPassword(newPassword);
    return this.transact(async (tx) => {
      if (!(await this.tokens.use(found.id, tx))) return invalid();
      await this.tokens.voidOthers(found.userId, 'password_reset', tx);
      await this.tokens.resetPassword(found.userId, passwordHash, tx);
      const [user] = await this.users.findByIds([found.userId], tx);
      if (user) await this.events.passwordChanged(user, tx);
      return { ok: true, errors: [] } as AccountTokenResult;
    });
  }

  async verifyEmail(token: string): Promise<AccountTokenResult> {
    if (!tokenShaped(token)) return invalid();
    const found = await this.tokens.find(hashToken(token), 'email_verification');
    if (!found || found.usedAt) return invalid();
    if (found.expiresAt.getTime() <= Date.now()) return expired();
    return this.transact(async (tx) => {
      if (!(await this.tokens.use(found.id, tx))) return invalid();
      if (await this.tokens.markEmailVerified(found.userId, found.email, tx)) await this.events.emailVerified({ userId: found.userId, email: found.email }, tx);
      return { ok: true, errors: [] } as AccountTokenResult;
    });
  }

  private async issue(
    user: UserRecord,
    purpose: AccountTokenPurpose,
    ttlMs: number,
    publish: (data: { user: UserRecord; token: string; expiresAt: Date }, tx: Executor) => Promise<unknown>,
  ): Promise<void> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.transact(async (tx) => {
      await this.tokens.insert({ userId: user.id, purpose, tokenHash: hashToken(token), email: user.email, expiresAt }, tx);
      await publish({ user, token, expiresAt }, tx);
    });
  }
}
