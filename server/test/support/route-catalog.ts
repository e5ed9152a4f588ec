/**
 * The app's own route table, read as the routes register (Fastify's onRoute hook), with
 * the zod request schemas each route validates against. Tests that must cover every
 * endpoint enumerate this, so an endpoint added tomorrow is covered (or flagged) too.
 */
import { Writable } from 'node:stream';
import type { RouteOptions } from 'fastify';
import pino, { type Logger } from 'pino';
import type { z } from 'zod';

export type RouteSchemas = { body?: z.ZodType; querystring?: z.ZodType; params?: z.ZodType };

export type CatalogRoute = {
  method: string;
  /** The full path pattern, e.g. `/api/v1/returns/:id/receive`. */
  url: string;
  /** `METHOD url`, the key of expectation tables. */
  key: string;
  schema: RouteSchemas;
  /** Whether the route takes multipart/form-data. */
  multipart: boolean;
};

export type RouteCatalog = { onRoute: (route: RouteOptions) => void; routes: () => CatalogRoute[] };

/** Collects routes; pass `onRoute` to createTestApp / buildApp. HEAD twins of GET routes are left out. */
export function routeCatalog(): RouteCatalog {
  const found = new Map<string, CatalogRoute>();
  return {
    onRoute(route) {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const schema = (route.schema ?? {}) as RouteSchemas & { consumes?: string[] };
      for (const method of methods) {
        if (method === 'HEAD' || method === 'OPTIONS') continue;
        const key = `${method} ${route.url}`;
        found.set(key, {
          method,
          url: route.url,
          key,
          schema: {
            ...(schema.body ? { body: schema.body } : {}),
            ...(schema.querystring ? { querystring: schema.querystring } : {}),
            ...(schema.params ? { params: schema.params } : {}),
          },
          multipart: (schema.consumes ?? []).includes('multipart/form-data'),
        });
      }
    },
    routes: () => [...found.values()].sort((a, b) => a.key.localeCompare(b.key)),
  };
}

/** The names of a path pattern's parameters, with the segment before each (`/returns/:id` → id after returns). */
export function pathParameters(url: string): { name: string; after: string }[] {
  const segments = url.split('/');
  return segments.flatMap((segment, i) => (segment.startsWith(':') ? [{ name: segment.slice(1), after: segments[i - 1] ?? '' }] : []));
}

/** A path with its parameters filled in. */
export function fillPath(url: string, value: (parameter: { name: string; after: string }) => string): string {
  const segments = url.split('/');
  return segments
    .map((segment, i) => (segment.startsWith(':') ? encodeURIComponent(value({ name: segment.slice(1), after: segments[i - 1] ?? '' })) : segment))
    .join('/');
}

/** Deliberate 5xx answers, each with its reason; the security tests fail on any other status of 500 or above. */
export const deliberateServerErrors: Record<string, string> = {
  'POST /api/v1/logistics/kuaidi100/push': '503 until KUAIDI100_SALT is configured: without the salt a push cannot be verified',
};

/** A logger that keeps the server's error lines (a 500's cause) for failure messages. */
export function errorLog(): { logger: Logger; take: () => string } {
  let lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return {
    logger: pino({ level: 'error' }, destination),
    take: () => {
      const text = lines.map((l) => {
        try {
          const entry = JSON.parse(l) as { msg?: string; err?: { type?: string; message?: string; stack?: string } };
          return `${entry.msg ?? ''}: ${entry.err?.stack?.split('\n').slice(0, 4).join(' | ') ?? entry.err?.message ?? ''}`;
        } catch {
          return l;
        }
      });
      lines = [];
      return text.join('\n');
    },
  };
}
