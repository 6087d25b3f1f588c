/**
 * @module store/refresh-tokens
 * Refresh tokens, stored only as SHA-256 hashes. Every rotation of one login shares a family id.
 */
import type { RefreshToken } from '../domain/entities';

export interface NewRefreshToken {
  readonly userId: string;
  readonly familyId: string;
  readonly tokenHash: string;
  readonly expiresAt: Date;
}

export interface RefreshTokenRepository {
  create(token: NewRefreshToken): Promise<RefreshToken>;
  findByHash(tokenHash: string): Promise<RefreshToken | undefined>;
  /**
   * Revokes one token if it is still live; true only for the one caller that revoked it, so two
   * concurrent rotations of the same token cannot both succeed.
   */
  revokeIfLive(id: string, at: Date): Promise<boolean>;
  revokeFamily(familyId: string, at: Date): Promise<void>;
  revokeAllForUser(userId: string, at: Date): Promise<void>;
  /** Housekeeping: drops tokens that expired before `before`. Returns how many. */
  deleteExpired(before: Date): Promise<number>;
}
