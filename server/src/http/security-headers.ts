/**
 * Security headers on every response: no sniffing, no framing, no referrer leaks, no
 * caching of API answers, a strict CSP on pages, and HSTS once the request came over
 * TLS (directly, or through a proxy trusted with RETURNFLOW_TRUST_PROXY=1).
 */
import type { FastifyInstance } from 'fastify';

const pageCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** One year; browsers then refuse plain HTTP to this host. */
export const hstsHeader = 'max-age=31536000; includeSubDomains';

/** Registers the onSend hook that sets the headers. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    // The portal takes photos with the phone's camera; nothing else is needed.
    reply.header('permissions-policy', 'camera=(self), microphone=(), geolocation=(), payment=()');
    if (request.protocol === 'https') reply.header('strict-transport-security', hstsHeader);
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html') && !request.url.startsWith('/api/docs') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', pageCsp);
    }
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
