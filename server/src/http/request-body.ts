/**
 * Request input the schemas cannot judge alone. Bodyless actions (`POST
 * /returns/{id}/close`, approve, cancel, logout…) sent with no body, or with
 * `Content-Type: application/json` and an empty body, as many HTTP clients do, count as
 * `{}`. Text with a NUL character, which PostgreSQL cannot store, answers 400 naming the
 * field on both databases instead of failing deep in a query.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/app-error.ts';

/** How deep request JSON may nest. */
const maxDepth = 64;

function isPlainData(value: unknown): value is object {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Paths (`body.lines.0.note`) of the strings in parsed JSON, a query or path parameters
 * that contain a NUL character. Only plain objects and arrays are walked, so multipart
 * parts (buffers, streams, objects that refer to each other) are left alone.
 */
function pathsWithNul(value: unknown, path: string, found: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path);
  } else if (isPlainData(value)) {
    // JSON nested thousands deep would overflow the stack here (a 500): no request needs more than a few levels.
    if (depth > maxDepth) throw new AppError('validation_failed', `Invalid request: ${path} is nested too deeply`, [{ path, message: 'nested too deeply' }]);
    for (const [key, item] of Object.entries(value)) pathsWithNul(item, `${path}.${key}`, found, depth + 1);
  }
  return found;
}

/** Registers the lenient JSON parser and the input checks. */
export function registerRequestBody(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.length === 0) return done(null, undefined);
    parseJson(request, text, done);
  });
  app.addHook('preValidation', async (request) => {
    // Fastify hands a missing body to the validator as null, which no `.default({})` catches.
    if (request.method === 'POST' && request.body === undefined) request.body = {};
    const paths = [
      ...pathsWithNul(request.body, 'body'),
      // Query and path parameters come as objects of another prototype: copy them to plain ones.
      ...pathsWithNul({ ...(request.query as object) }, 'querystring'),
      ...pathsWithNul({ ...(request.params as object) }, 'params'),
    ];
    if (paths.length > 0) {
      throw new AppError(
        'validation_failed',
        `Invalid request: ${paths.join(', ')} must not contain the NUL character`,
        paths.map((path) => ({ path, message: 'must not contain the NUL character' })),
      );
    }
  });
}
