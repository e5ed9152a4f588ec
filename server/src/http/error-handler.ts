/** The error model: every failure answers {"error":{"code","message","details"}} with its status (`details` null when there is nothing more to say). */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type AppErrorCode, httpStatusByCode } from '../lib/app-error.ts';

type ErrorBody = { error: { code: AppErrorCode; message: string; details: unknown; requestId?: string } };

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Maps any thrown error to the contract's error body. */
export function toErrorBody(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return {
      status: httpStatusByCode[error.code],
      body: { error: { code: error.code, message: error.message, details: error.details ?? null } },
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      path: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].filter(Boolean).join('.'),
      message: v.message ?? 'invalid',
    }));
    return {
      status: 400,
      body: { error: { code: 'validation_failed', message: `Invalid request: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, details } },
    };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fastifyError.statusCode === 413) {
    return { status: 413, body: { error: { code: 'payload_too_large', message: 'The request body is too large', details: null } } };
  }
  if (isUniqueViolation(error)) {
    return { status: 409, body: { error: { code: 'conflict', message: 'This clashes with an existing record', details: null } } };
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    // Malformed JSON, wrong content type, empty body and the like.
    return {
      status: 400,
      body: { error: { code: 'validation_failed', message: fastifyError.message, details: [{ path: 'body', message: fastifyError.message }] } },
    };
  }
  return { status: 500, body: { error: { code: 'internal_error', message: 'Something went wrong on our side', details: null, requestId } } };
}

/** Installs the error and not-found handlers. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorBody(error, request.id);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}`, details: null } });
  });
}
