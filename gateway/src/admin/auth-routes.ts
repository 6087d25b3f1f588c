/**
 * @module auth-routes
 * `/api/auth`: register, login, refresh, logout, me (API.md). The refresh token is returned in
 * the body and also set as an httpOnly cookie scoped to `/api/auth`.
 */
import { Router, type Request, type Response } from 'express';
import { GatewayError } from '@llmfb/shared';
import type { IssuedSession } from '../auth/auth-sessions';
import { requirePrincipal } from '../auth/admin-auth';
import type { AdminContext } from './admin-context';
import { emptyQuerySchema } from './schemas/common-schemas';
import { loginBodySchema, refreshBodySchema, registerBodySchema } from './schemas/user-schemas';
import { serializeUser } from './serialize-entities';
import { readBody, readQuery } from './validate-input';

export const refreshCookieName = 'llmfb_refresh';
const refreshCookiePath = '/api/auth';

function readRefreshToken(request: Request, bodyToken: string | undefined): string | undefined {
  if (bodyToken) return bodyToken;
  const cookies = (request as Request & { cookies?: Record<string, unknown> }).cookies;
  const cookie = cookies?.[refreshCookieName];
  return typeof cookie === 'string' && cookie !== '' ? cookie : undefined;
}

export function createAuthRouter(context: AdminContext): Router {
  const { store, settings, sessions, passwords } = context;
  const router = Router();

  function sendSession(response: Response, session: IssuedSession): void {
    response.cookie(refreshCookieName, session.refreshToken, {
      httpOnly: true,
      secure: settings.cookieSecure,
      sameSite: 'strict',
      path: refreshCookiePath,
      expires: session.refreshExpiresAt,
    });
    response.setHeader('cache-control', 'no-store');
    response.status(200).json({
      access_token: session.accessToken,
      token_type: 'bearer',
      expires_in: session.expiresIn,
      refresh_token: session.refreshToken,
      refresh_expires_at: session.refreshExpiresAt.toISOString(),
      user: serializeUser(session.user),
    });
  }

  router.post('/register', async function register(request, response) {
    readQuery(emptyQuerySchema, request.query);
    const body = readBody(registerBodySchema, request.body);
    if (!settings.allowRegistration) {
      const existing = await store.users.list({ limit: 1 });
      if (existing.items.length > 0) {
        throw new GatewayError({
          code: 'auth.registration_closed',
          status: 403,
          message: 'Registration is closed on this gateway; ask an admin for an account.',
        });
      }
    }
    const user = await store.users.create({
      username: body.username,
      email: body.email,
      passwordHash: await passwords.hash(body.password),
    });
    response.status(201).json({ user: serializeUser(user) });
  });

  router.post('/login', async function login(request, response) {
    readQuery(emptyQuerySchema, request.query);
    const body = readBody(loginBodySchema, request.body);
    const session = await sessions.login({
      login: body.username,
      password: body.password,
      ip: request.ip ?? request.socket.remoteAddress ?? 'unknown',
    });
    sendSession(response, session);
  });

  router.post('/refresh', async function refresh(request, response) {
    readQuery(emptyQuerySchema, request.query);
    const body = readBody(refreshBodySchema, request.body);
    const token = readRefreshToken(request, body.refresh_token);
    if (!token) {
      throw new GatewayError({
        code: 'auth.missing',
        status: 401,
        message: 'Send refresh_token in the body or the refresh cookie.',
        details: [{ path: 'refresh_token', message: 'Required.' }],
      });
    }
    sendSession(response, await sessions.refresh(token));
  });

  router.post('/logout', async function logout(request, response) {
    readQuery(emptyQuerySchema, request.query);
    const body = readBody(refreshBodySchema, request.body);
    const token = readRefreshToken(request, body.refresh_token);
    if (token) await sessions.logout(token);
    response.clearCookie(refreshCookieName, {
      path: refreshCookiePath,
      httpOnly: true,
      sameSite: 'strict',
      secure: settings.cookieSecure,
    });
    response.status(204).end();
  });

  router.get('/me', context.authenticate, async function me(request, response) {
    readQuery(emptyQuerySchema, request.query);
    const principal = requirePrincipal(response);
    const user = await store.users.findById(principal.userId);
    if (!user)
      throw new GatewayError({
        code: 'auth.invalid',
        status: 401,
        message: 'This account no longer exists.',
      });
    response.json({ user: serializeUser(user) });
  });

  return router;
}
