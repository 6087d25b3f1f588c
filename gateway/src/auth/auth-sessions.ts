/**
 * @module auth-sessions
 * Sign-in logic of the admin API: login with throttling and a constant-ish time for unknown users,
 * and refresh-token rotation with reuse detection (a dead token presented again revokes its whole
 * family). Refresh tokens are opaque 256-bit strings; only their SHA-256 is stored.
 */
import { randomUUID } from 'node:crypto';
import { GatewayError, type ConfigStore, type User } from '@llmfb/shared';
import {
  generateOpaqueToken,
  hashPassword,
  hashSecretToken,
  verifyPassword,
} from '@llmfb/shared/node';
import type { AccessTokens } from './access-tokens';
import type { LoginThrottle } from './login-throttle';

export interface PasswordHashing {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

/** scrypt with the OWASP parameters. */
export const scryptPasswordHashing: PasswordHashing = {
  hash: (password) => hashPassword(password),
  verify: verifyPassword,
};

export interface IssuedSession {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly refreshExpiresAt: Date;
  readonly user: User;
}

export interface AuthSessionsOptions {
  readonly store: ConfigStore;
  readonly accessTokens: AccessTokens;
  readonly passwords: PasswordHashing;
  readonly throttle: LoginThrottle;
  readonly refreshTokenTtlSeconds: number;
}

export interface AuthSessions {
  login(input: { login: string; password: string; ip: string }): Promise<IssuedSession>;
  refresh(refreshToken: string): Promise<IssuedSession>;
  /** Revokes the token if it is live; unknown tokens are ignored. */
  logout(refreshToken: string): Promise<void>;
}

const wrongCredentials = () =>
  new GatewayError({ code: 'auth.invalid', status: 401, message: 'Wrong username or password.' });
const deadRefreshToken = () =>
  new GatewayError({
    code: 'auth.invalid',
    status: 401,
    message: 'The refresh token is not valid.',
  });

export function createAuthSessions(options: AuthSessionsOptions): AuthSessions {
  const { store, passwords } = options;
  // Verified against when the user does not exist, so both paths cost one hash.
  let decoyHash: Promise<string> | undefined;
  const getDecoyHash = () => (decoyHash ??= passwords.hash(randomUUID()));

  async function issueSession(user: User, familyId: string): Promise<IssuedSession> {
    const refreshToken = generateOpaqueToken(32);
    const refreshExpiresAt = new Date(Date.now() + options.refreshTokenTtlSeconds * 1000);
    await store.refreshTokens.create({
      userId: user.id,
      familyId,
      tokenHash: hashSecretToken(refreshToken),
      expiresAt: refreshExpiresAt,
    });
    const { token, expiresIn } = options.accessTokens.issue(user);
    return { accessToken: token, expiresIn, refreshToken, refreshExpiresAt, user };
  }

  return {
    async login({ login, password, ip }) {
      const attempt = { account: login, ip };
      await options.throttle.check(attempt);
      const user = await store.users.findByLogin(login);
      const matches = await passwords.verify(
        password,
        user?.passwordHash ?? (await getDecoyHash()),
      );
      if (!user || !matches || !user.isActive) {
        await options.throttle.recordFailure(attempt);
        throw wrongCredentials();
      }
      await options.throttle.recordSuccess(attempt);
      return issueSession(user, randomUUID());
    },

    async refresh(refreshToken) {
      const now = new Date();
      const record = await store.refreshTokens.findByHash(hashSecretToken(refreshToken));
      if (!record) throw deadRefreshToken();
      if (record.revokedAt) {
        await store.refreshTokens.revokeFamily(record.familyId, now);
        throw new GatewayError({
          code: 'auth.invalid',
          status: 401,
          message:
            'This refresh token was already used; every session of its login is now signed out.',
        });
      }
      if (record.expiresAt.getTime() <= now.getTime()) throw deadRefreshToken();
      const user = await store.users.findById(record.userId);
      if (!user?.isActive) {
        await store.refreshTokens.revokeFamily(record.familyId, now);
        throw deadRefreshToken();
      }
      if (!(await store.refreshTokens.revokeIfLive(record.id, now))) {
        // Someone else rotated it at the same moment: that is reuse too.
        await store.refreshTokens.revokeFamily(record.familyId, now);
        throw deadRefreshToken();
      }
      return issueSession(user, record.familyId);
    },

    async logout(refreshToken) {
      const record = await store.refreshTokens.findByHash(hashSecretToken(refreshToken));
      if (record && !record.revokedAt)
        await store.refreshTokens.revokeIfLive(record.id, new Date());
    },
  };
}
