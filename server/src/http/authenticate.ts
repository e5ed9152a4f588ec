/** Resolves the caller of every request from its bearer token or session cookie. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { findLiveApiKey, looksLikeApiKey, touchApiKey } from '../modules/api-keys/api-keys.repository.ts';
import { findLiveSession } from '../modules/auth/sessions.repository.ts';
import { findUserById } from '../modules/auth/users.repository.ts';

export const sessionCookie = 'rf_session';

/** Registers the hook that sets request.principal. */
export function registerAuthentication(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', undefined as never);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    request.principal = { kind: 'anonymous' };
    // The scheme is case-insensitive (RFC 9110): "bearer <token>" is as good as "Bearer <token>".
    const fromHeader = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;
    // An integration's API key: `Authorization: Bearer rfk_…` or `X-Api-Key: rfk_…`.
    const apiKeyHeader = request.headers['x-api-key'];
    const presentedKey = typeof apiKeyHeader === 'string' ? apiKeyHeader.trim() : fromHeader && looksLikeApiKey(fromHeader) ? fromHeader : null;
    if (presentedKey) {
      const key = presentedKey.length <= 200 ? await findLiveApiKey(ctx.db, presentedKey) : undefined;
      if (key) {
        const user = {
          id: key.id,
          email: `${key.prefix}@api-key`,
          name: key.name,
          roles: key.roles,
          locale: 'zh-CN',
          disabled: false,
          createdAt: key.createdAt,
        };
        request.principal = { kind: 'user', user, apiKeyId: key.id };
        await touchApiKey(ctx.db, key, ctx.clock.now());
      }
      return;
    }
    const token = fromHeader || request.cookies?.[sessionCookie] || null;
    if (!token || token.length > 200) return;
    const session = await findLiveSession(ctx.db, token, ctx.clock.now());
    if (!session) return;
    if (session.kind === 'user' && session.userId) {
      const user = await findUserById(ctx.db, session.userId);
      if (user && !user.disabled) {
        request.principal = { kind: 'user', user };
        request.sessionToken = token;
      }
    } else if (session.kind === 'customer' && session.customerId) {
      request.principal = { kind: 'customer', customerId: session.customerId };
      request.sessionToken = token;
    }
  });
}
