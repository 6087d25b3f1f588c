/**
 * @module access-tokens
 * Short-lived RS256 JWT access tokens of the admin API. Verification pins the algorithm to RS256,
 * so `alg: none` and HS256 signed with the public key are refused, and checks issuer, audience and
 * expiry.
 *
 * @example
 * const tokens = createAccessTokens({ keys, ttlSeconds: 900 });
 * const { token } = tokens.issue({ id: user.id });
 * tokens.verify(token); // { userId }
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { GatewayError } from '@llmfb/shared';
import type { JwtKeyPair } from './jwt-keys';

export const accessTokenIssuer = 'llmformbridge';
export const accessTokenAudience = 'llmformbridge-admin';

export interface AccessTokens {
  readonly ttlSeconds: number;
  issue(user: { readonly id: string }): { token: string; expiresIn: number };
  /** The token's user id; a 401 GatewayError for anything but a valid, unexpired RS256 token. */
  verify(token: string): { userId: string };
}

export interface AccessTokenOptions {
  readonly keys: JwtKeyPair;
  readonly ttlSeconds: number;
}

const invalidToken = (message: string, cause?: unknown) =>
  new GatewayError({
    code: 'auth.invalid',
    status: 401,
    message,
    cause,
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });

export function createAccessTokens(options: AccessTokenOptions): AccessTokens {
  return {
    ttlSeconds: options.ttlSeconds,
    issue(user) {
      const token = jwt.sign({}, options.keys.privateKey, {
        algorithm: 'RS256',
        expiresIn: options.ttlSeconds,
        subject: user.id,
        issuer: accessTokenIssuer,
        audience: accessTokenAudience,
        jwtid: randomUUID(),
      });
      return { token, expiresIn: options.ttlSeconds };
    },
    verify(token) {
      let payload: string | jwt.JwtPayload;
      try {
        payload = jwt.verify(token, options.keys.publicKey, {
          algorithms: ['RS256'],
          issuer: accessTokenIssuer,
          audience: accessTokenAudience,
        });
      } catch (error) {
        if ((error as { name?: unknown }).name === 'TokenExpiredError')
          throw invalidToken('The access token has expired.', error);
        throw invalidToken('The access token is not valid.', error);
      }
      if (typeof payload === 'string' || typeof payload.sub !== 'string' || payload.sub === '') {
        throw invalidToken('The access token is not valid.');
      }
      return { userId: payload.sub };
    },
  };
}
