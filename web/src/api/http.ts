/** The typed fetch wrapper every page uses: bearer token, JSON, the API's error model. */

export type ApiErrorBody = { error: { code: string; message: string; details?: unknown } };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, body: ApiErrorBody | null) {
    super(body?.error.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error.code ?? 'http_error';
    this.details = body?.error.details;
  }
}

export type TokenStore = { get(): string | null; set(token: string | null): void };

/** A token kept in localStorage under a key (staff and customers use different keys). */
export function localTokenStore(key: string): TokenStore {
  return {
    get: () => {
      try {
        return localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    set: (token) => {
      try {
        if (token) localStorage.setItem(key, token);
        else localStorage.removeItem(key);
      } catch {
        // Private mode in some in-app browsers: the session lasts as long as the page.
      }
    },
  };
}

export type RequestOptions = { method?: string; body?: unknown; idempotencyKey?: string; signal?: AbortSignal };

/** A client bound to a token store; `onUnauthenticated` runs on any 401. */
export function createApiClient(tokens: TokenStore, onUnauthenticated?: () => void) {
  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = tokens.get();
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const response = await fetch(path.startsWith('/') ? path : `/api/v1/${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const text = await response.text();
    const data = text ? (JSON.parse(text) as unknown) : null;
    if (!response.ok) {
      if (response.status === 401) onUnauthenticated?.();
      throw new ApiError(response.status, data as ApiErrorBody | null);
    }
    return data as T;
  }
  return {
    request,
    get: <T>(path: string, signal?: AbortSignal) => request<T>(path, signal ? { signal } : {}),
    post: <T>(path: string, body: unknown = {}, idempotencyKey?: string) =>
      request<T>(path, { method: 'POST', body, ...(idempotencyKey ? { idempotencyKey } : {}) }),
    put: <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
    patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
    del: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
    tokens,
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** A query string from defined values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}
