import { randomUUID } from 'node:crypto';
import { hashRefreshToken, newRefreshToken, type AccessTokenIssuer } from '@shop/auth';
import type { RefreshTokenStore } from '../stores/refresh-token.store';
import type { UserRecord } from '../stores/user.store';

export interface Session {
  user: UserRecord;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/** Issues access + refresh token pairs and rotates refresh tokens. */
export class SessionService {
  constructor(
    private readonly refreshTokens: RefreshTokenStore,
    private readonly issuer: AccessTokenIssuer,
    private readonly refreshTtlSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A new session; `familyId` continues an existing login when rotating. */
  async open(user: UserRecord, familyId: string = randomUUID()): Promise<Session> {
    const { token: accessToken, expiresAt: accessTokenExpiresAt } = await this.issuer.issue({
      sub: user.id,
      roles: user.roles,
    });
    const refresh = newRefreshToken();
    const refreshTokenExpiresAt = new Date(this.now().getTime() + this.refreshTtlSeconds * 1000);
    await this.refreshTokens.insert({ userId: user.id, familyId, tokenHash: refresh.hash, expiresAt: refreshTokenExpiresAt });
    return { user, accessToken, accessTokenExpiresAt, refreshToken: refresh.token, refreshTokenExpiresAt };
  }

  /**
   * Uses a refresh token once. A token that exists but is no longer live is a replay: the whole
   * family is revoked so a thief holding an older copy is signed out along with the victim.
   */
  async rotate(token: string, loadUser: (id: string) => Promise<UserRecord | null>): Promise<Session | null> {
    const hash = hashRefreshToken(token);
    const now = this.now();
    const consumed = await this.refreshTokens.consume(hash, now);
    if (!consumed) {
      const family = await this.refreshTokens.findFamily(hash);
      if (family) await this.refreshTokens.revokeFamily(family, now);
      return null;
    }
    const user = await loadUser(consumed.userId);
    if (!user) return null;
    return this.open(user, consumed.familyId);
  }

  async revoke(token: string): Promise<void> {
    const family = await this.refreshTokens.findFamily(hashRefreshToken(token));
    if (family) await this.refreshTokens.revokeFamily(family, this.now());
  }
}
