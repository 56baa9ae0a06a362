import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '@shop/auth';
import { sqlBackends, startSubgraphHarness, type SubgraphHarness } from '@shop/testkit';
import { accountTokens, outbox, refreshTokens, users } from '../src/db/schema';
import { usersModule, type UsersConfig } from '../src';
import { RegisterDocument, RequestPasswordResetDocument, ResetPasswordDocument } from './__generated__/graphql';

const password = 'correct-horse-battery-9';

describe.each(sqlBackends)('one-time e-mailed tokens on %s', (backend) => {
  let harness: SubgraphHarness;
  let counter = 0;

  beforeAll(async () => {
    const config: UsersConfig = {
      signingKeys: [(await generateSigningKey()).privateJwk as Record<string, unknown>],
      issuer: 'test',
      audience: 'test',
      accessTokenTtlSeconds: 60,
      refreshTokenTtlSeconds: 3600,
      loginThrottle: { freeAttempts: 3 },
    };
    harness = await startSubgraphHarness({ module: usersModule, config, backend });
  });
  afterAll(() => harness.stop());

  const db = () => harness.platform.database.db;
  const register = async () => {
    const email = `tokens.${backend}.${process.pid}.${counter++}@example.com`;
    const result = await harness.call(RegisterDocument, { input: { email, password, name: 'Ada' } });
    return { email, userId: result.data!.register.session!.user.id };
  };
  /** The tokens users published for this user, in the order it published them (what notifications would mail). */
  const mailedTokens = async (userId: string) =>
    (await db().select().from(outbox).where(eq(outbox.key, userId)).orderBy(asc(outbox.seq)))
      .filter((row) => row.type === 'user.password-reset-requested')
      .map((row) => (row.payload as { data: { token: string } }).data.token);
  const snapshot = async () => ({
    users: await db().select().from(users).orderBy(asc(users.id)),
    refreshTokens: await db().select().from(refreshTokens).orderBy(asc(refreshTokens.id)),
    accountTokens: await db().select().from(accountTokens).orderBy(asc(accountTokens.id)),
    outbox: await db().select().from(outbox).orderBy(asc(outbox.id)),
  });

  it('stores only a hash of the mailed token, and an expired token is TOKEN_EXPIRED and changes nothing', async () => {
    const { email, userId } = await register();
    expect((await harness.call(RequestPasswordResetDocument, { email })).data).toEqual({ requestPasswordReset: true });
    const [token] = await mailedTokens(userId);
    const [row] = await db().select().from(accountTokens).where(eq(accountTokens.userId, userId));
    expect(row!.tokenHash).toBe(createHash('sha256').update(token!).digest('base64url'));
    expect(JSON.stringify(await db().select().from(accountTokens))).not.toContain(token);

    await db()
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(accountTokens.id, row!.id));
    const before = await snapshot();
    expect((await harness.call(ResetPasswordDocument, { token: token!, newPassword: 'a-brand-new-horse-42' })).data).toEqual({
      resetPassword: { ok: false, errors: [{ code: 'TOKEN_EXPIRED', field: 'token' }] },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('a newer reset voids the older token; a weak password leaves the token usable', async () => {
    const { email, userId } = await register();
    await harness.call(RequestPasswordResetDocument, { email });
    await harness.call(RequestPasswordResetDocument, { email });
    const [older, newer] = await mailedTokens(userId);
    const before = await snapshot();
    expect((await harness.call(ResetPasswordDocument, { token: newer!, newPassword: 'short' })).data).toEqual({
      resetPassword: { ok: false, errors: [{ code: 'WEAK_PASSWORD', field: 'newPassword' }] },
    });
    expect(await snapshot()).toEqual(before);
    expect((await harness.call(ResetPasswordDocument, { token: newer!, newPassword: 'a-brand-new-horse-42' })).data).toEqual({
      resetPassword: { ok: true, errors: [] },
    });
    expect((await harness.call(ResetPasswordDocument, { token: older!, newPassword: 'a-brand-new-horse-43' })).data).toEqual({
      resetPassword: { ok: false, errors: [{ code: 'TOKEN_INVALID', field: 'token' }] },
    });
    const live = (await db().select().from(refreshTokens).where(eq(refreshTokens.userId, userId))).filter((t) => t.revokedAt === null);
    expect(live).toEqual([]);
  });

  it('reset requests are throttled per e-mail and address: past the free ones nothing more is mailed, and the answer stays true', async () => {
    const { email, userId } = await register();
    for (let i = 0; i < 6; i++) expect((await harness.call(RequestPasswordResetDocument, { email })).data).toEqual({ requestPasswordReset: true });
    expect(await mailedTokens(userId)).toHaveLength(3);
  });
});
