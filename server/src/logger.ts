/**
 * The process logger: JSON lines (pino) carrying Fastify's request ids, with every
 * credential kept out: passwords, tokens, secrets, the Authorization and Cookie headers,
 * Set-Cookie, and the secrets some URLs carry (a return's progress-link token,
 * `?access=` on slips).
 */
import pino, { type DestinationStream, type Logger } from 'pino';

/** Object paths whose values are replaced by "[redacted]" wherever a log line carries them. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  ...['password', 'passwordHash', 'token', 'sessionToken', 'secret', 'access', 'authorization', 'cookie'].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

const secretQueryParameters = new Set(['access', 'token', 'code', 'secret', 'password']);

/** A URL as it may be logged: the progress-link token and secret query parameters replaced. */
export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2) as [string, string | undefined];
  const safePath = path.replace(/(\/portal\/progress\/)[^/?#]+/, '$1[redacted]');
  if (query === undefined) return safePath;
  const safeQuery = query
    .split('&')
    .map((pair) => {
      const name = decodeURIComponentSafe(pair.split('=', 1)[0] ?? '').toLowerCase();
      return secretQueryParameters.has(name) ? `${pair.split('=', 1)[0]}=[redacted]` : pair;
    })
    .join('&');
  return `${safePath}?${safeQuery}`;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

type LoggedRequest = { method?: string; url?: string; host?: string; ip?: string; socket?: { remotePort?: number } };

export type CreateLoggerOptions = { level: string; destination?: DestinationStream };

/** The logger the server and the commands use. */
export function createLogger(options: CreateLoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      serializers: {
        // Fastify's own request serializer, with the URL's secrets taken out.
        req: (request: LoggedRequest) => ({
          method: request.method,
          url: redactUrl(request.url ?? ''),
          host: request.host,
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        }),
      },
    },
    options.destination,
  );
}
