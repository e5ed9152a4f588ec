/**
 * Idempotency-Key on every mutating POST: the same key and body within 24 h replays the
 * first response and changes nothing; the same key with another body answers 409.
 * Records live in the database so that every app server honours them.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../lib/app-error.ts';
import {
  completeIdempotencyKey,
  findIdempotencyRecord,
  idempotencyTtlMs,
  releaseIdempotencyKey,
  reserveIdempotencyKey,
} from '../modules/auth/idempotency.repository.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | null;
  }
}

// A reservation whose request never finished (a crashed server) is given up after this.
const abandonedAfterMs = 60_000;
// A duplicate sent while the first request still runs waits this long for its response.
const waitForFirstMs = 10_000;
const waitPollMs = 25;

function callerScope(request: FastifyRequest): string {
  const p = request.principal;
  if (p.kind === 'user') return `user:${p.user.id}`;
  if (p.kind === 'customer') return `customer:${p.customerId}`;
  return `anon:${request.ip}`;
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url.split('?')[0]}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

/** Registers the hooks on the app. */
export function registerIdempotency(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || key.length === 0) return;
    if (key.length > 255)
      throw new AppError('validation_failed', 'Idempotency-Key is longer than 255 characters', [{ path: 'header.idempotency-key', message: 'too long' }]);
    const scope = callerScope(request);
    const hash = requestHash(request);
    const now = ctx.clock.now();
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await reserveIdempotencyKey(ctx.db, scope, key, hash, now)) {
        request.idempotency = { scope, key };
        return;
      }
      let record = await findIdempotencyRecord(ctx.db, scope, key);
      const waitUntil = Date.now() + waitForFirstMs;
      while (record && record.statusCode === null && record.requestHash === hash && Date.now() < waitUntil) {
        await new Promise((resolve) => setTimeout(resolve, waitPollMs));
        record = await findIdempotencyRecord(ctx.db, scope, key);
      }
      // Gone: the first request failed on our side and gave the key back, so this one runs.
      if (!record) continue;
      const age = now.getTime() - Date.parse(record.createdAt);
      if (age > idempotencyTtlMs || (record.statusCode === null && age > abandonedAfterMs)) {
        await releaseIdempotencyKey(ctx.db, scope, key);
        continue;
      }
      if (record.requestHash !== hash) throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different request');
      if (record.statusCode === null) throw new AppError('conflict', 'A request with this Idempotency-Key is still being processed');
      reply.code(record.statusCode).header('idempotent-replayed', 'true').header('content-type', 'application/json; charset=utf-8');
      return reply.send(record.responseBody);
    }
    throw new AppError('conflict', 'Could not reserve the Idempotency-Key; retry');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const idem = request.idempotency;
    if (!idem) return payload;
    request.idempotency = null;
    if (reply.statusCode >= 500 || typeof payload !== 'string') await releaseIdempotencyKey(ctx.db, idem.scope, idem.key);
    else await completeIdempotencyKey(ctx.db, idem.scope, idem.key, reply.statusCode, payload);
    return payload;
  });
}
