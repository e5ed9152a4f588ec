/**
 * CSRF protection for the cookie session. A browser attaches the `rf_session` cookie to
 * any request to this host, even one a hostile page starts; it cannot attach a custom
 * header to a cross-site request without a CORS preflight, which this server never
 * grants. So a mutating request authenticated by the cookie (not by an Authorization
 * header) must carry `X-Requested-With`, and must not come from another origin
 * (Origin / Sec-Fetch-Site). SameSite=Strict on the cookie is the first line; this is
 * the second, for browsers and proxies that get SameSite wrong.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../lib/app-error.ts';
import { sessionCookie } from './authenticate.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The header a same-origin script adds to show the request is its own. */
export const csrfHeader = 'x-requested-with';

function authenticatedByCookie(request: FastifyRequest): boolean {
  if (request.principal.kind === 'anonymous' || !request.sessionToken) return false;
  const bearer = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  return !bearer && request.cookies?.[sessionCookie] === request.sessionToken;
}

function crossOrigin(request: FastifyRequest): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    // Both sides through URL, so that default ports compare equal (http://shop:80 is http://shop).
    return new URL(origin).host !== new URL(`${request.protocol}://${request.host}`).host;
  } catch {
    return true;
  }
}

/** Registers the check; call after registerAuthentication (it reads the principal). */
export function registerCsrfProtection(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (safeMethods.has(request.method) || !authenticatedByCookie(request)) return;
    if (!request.headers[csrfHeader] || crossOrigin(request)) {
      throw new AppError(
        'forbidden',
        'A change made with the session cookie must come from this site with the X-Requested-With header (or send Authorization: Bearer <token>)',
      );
    }
  });
}
