import { z } from 'zod';
import { hashPassword, isRefreshTokenShaped, needsRehash, passwordProblems, verifyPassword } from '@shop/auth';
import type { Executor, Transact } from '@shop/db';
import { ADMIN_ROLE, badUserInput, isAdmin } from '@shop/subgraph-kit';
import type { UserStore, UserRecord } from '../stores/user.store';
import type { Session, SessionService } from './session.service';
import { failure, tooManyAttempts, type AuthFailure } from './auth-errors';
import type { LoginThrottle } from './login-throttle.service';

export type AuthResult = { session: Session; errors: [] } | { session: null; errors: AuthFailure[] };

const email = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** A hash of a random password, so an unknown e-mail costs as much as a wrong password (no user enumeration by timing). */
const dummyHash = hashPassword(crypto.randomUUID());

const fail = (...errors: AuthFailure[]): AuthResult => ({ session: null, errors });

/** Registration and sign-in. Expected failures come back as typed errors, never as exceptions. */
export class AccountService {
  constructor(
    private readonly users: UserStore,
    private readonly sessions: SessionService,
    /** Runs the insert and its `user.registered` outbox row in one transaction. */
    private readonly transact: Transact,
    private readonly onRegistered: (user: UserRecord, tx: Executor) => Promise<void>,
    private readonly throttle: LoginThrottle,
  ) {}

  async register(input: { email: string; password: string; name: string }): Promise<AuthResult> {
    const errors: AuthFailure[] = [];
    const parsedEmail = email.safeParse(input.email);
    if (!parsedEmail.success) errors.push(failure('INVALID_EMAIL', 'Enter a valid e-mail address', 'email'));
    const name = input.name.trim();
    if (name.length < 1 || name.length > 100) errors.push(failure('INVALID_NAME', 'Name must be 1 to 100 characters', 'name'));
    const problems = passwordProblems(input.password);
    if (problems.length > 0) errors.push(failure('WEAK_PASSWORD', problems.join('; '), 'password'));
    if (errors.length > 0 || !parsedEmail.success) return fail(...errors);

    const passwordHash = await hashPassword(input.password);
    const user = await this.transact(async (tx) => {
      const inserted = await this.users.insert({ email: parsedEmail.data, name, passwordHash }, tx);
      if (inserted) await this.onRegistered(inserted, tx);
      return inserted;
    });
    if (!user) return fail(failure('EMAIL_TAKEN', 'An account with this e-mail already exists', 'email'));
    return { session: await this.sessions.open(user), errors: [] };
  }

  /**
   * Checks the password only when the throttle allows it (per e-mail+IP and per IP, known and
   * unknown e-mails alike); an unknown e-mail is verified against a dummy hash, so both cost one
   * argon2 verification.
   */
  async login(input: { email: string; password: string }, clientIp?: string): Promise<AuthResult> {
    const parsedEmail = email.safeParse(input.email);
    const permit = await this.throttle.attempt(parsedEmail.success ? parsedEmail.data : input.email.trim().toLowerCase(), clientIp);
    if (!permit.allowed) return fail(tooManyAttempts(permit.retryAfterSeconds));
    const user = parsedEmail.success ? await this.users.findByEmail(parsedEmail.data) : null;
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
    if (!user || !valid) {
      await permit.failed();
      return fail(failure('INVALID_CREDENTIALS', 'E-mail or password is wrong'));
    }
    await permit.succeeded();
    if (needsRehash(user.passwordHash)) await this.users.updatePasswordHash(user.id, await hashPassword(input.password));
    return { session: await this.sessions.open(user), errors: [] };
  }

  /**
   * Makes sure the configured admin account exists and has the admin role. The password is only
   * set when the account is created; change it through the normal flows afterwards.
   */
  async ensureAdmin(admin: { email: string; password: string; name: string }): Promise<UserRecord> {
    const emailAddress = email.parse(admin.email);
    const existing = await this.users.findByEmail(emailAddress);
    if (existing) {
      if (isAdmin(existing)) return existing;
      return (await this.users.setRoles(existing.id, [...new Set([...existing.roles, ADMIN_ROLE])]))!;
    }
    const passwordHash = await hashPassword(admin.password);
    const created = await this.transact(async (tx) => {
      const inserted = await this.users.insert({ email: emailAddress, name: admin.name, passwordHash, roles: ['customer', 'admin'] }, tx);
      if (inserted) await this.onRegistered(inserted, tx);
      return inserted;
    });
    // A concurrent start created it first: fine, it is the same configured account.
    return created ?? (await this.ensureAdmin(admin));
  }

  async refresh(refreshToken: string): Promise<AuthResult> {
    if (!isRefreshTokenShaped(refreshToken)) return fail(failure('INVALID_REFRESH_TOKEN', 'Sign in again: this session has ended'));
    const session = await this.sessions.rotate(refreshToken, async (id) => (await this.users.findByIds([id]))[0] ?? null);
    if (!session) return fail(failure('INVALID_REFRESH_TOKEN', 'Sign in again: this session has ended'));
    return { session, errors: [] };
  }

  /** True also for unknown tokens, so logout reveals nothing; an empty token is the caller's bug (BAD_USER_INPUT). */
  async logout(refreshToken: string): Promise<boolean> {
    if (refreshToken.length === 0) throw badUserInput('refreshToken must not be empty', { argument: 'refreshToken' });
    if (isRefreshTokenShaped(refreshToken)) await this.sessions.revoke(refreshToken);
    return true;
  }
}
