/** Files to and from the API with the staff token: Excel downloads and raw uploads. */
import { ApiError, type ApiErrorBody } from '../../../../api/http.ts';
import { api } from '../../../api/client.ts';

function authHeaders(): Record<string, string> {
  const token = api.tokens.get();
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function failure(response: Response): Promise<ApiError> {
  const text = await response.text();
  let body: ApiErrorBody | null = null;
  try {
    body = text ? (JSON.parse(text) as ApiErrorBody) : null;
  } catch {
    body = null;
  }
  return new ApiError(response.status, body);
}

/** The file name of a download, from Content-Disposition (filename* first, so Chinese names survive). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallback;
}

/** Downloads an API file (GET path under /api/v1) and saves it with the server's file name. */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const response = await fetch(`/api/v1/${path}`, { headers: authHeaders() });
  if (!response.ok) throw await failure(response);
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** Uploads a file as the raw request body and reads the JSON answer. */
export async function uploadFile<T>(path: string, file: File): Promise<T> {
  const response = await fetch(`/api/v1/${path}`, {
    method: 'POST',
    headers: { ...authHeaders(), 'content-type': 'application/octet-stream', accept: 'application/json' },
    body: file,
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}
