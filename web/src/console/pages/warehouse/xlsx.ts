/** Excel files to and from the API with the staff token: downloads saved under a name, uploads sent as the raw workbook. */
import type { TFunction } from 'i18next';
import { ApiError, type ApiErrorBody } from '../../../api/http.ts';
import { api } from '../../api/client.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Downloads an export and saves it under a name. */
export async function downloadXlsx(path: string, fileName: string): Promise<void> {
  const token = api.tokens.get();
  const response = await fetch(`/api/v1/${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ApiError(response.status, (await response.json().catch(() => null)) as ApiErrorBody | null);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Sends a workbook to an import endpoint; the API's error (with its row-by-row details) is thrown as an ApiError. */
export async function uploadXlsx<T>(path: string, file: File): Promise<T> {
  const token = api.tokens.get();
  const response = await fetch(`/api/v1/${path}`, {
    method: 'POST',
    headers: { 'content-type': xlsxType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: file,
  });
  const text = await response.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) throw new ApiError(response.status, data as ApiErrorBody | null);
  return data as T;
}

export type RowError = { row: number | null; column: string | null; message: string; code?: string; params?: Record<string, string | number> };

/** The rows an import refused, when the API listed them. */
export function rowErrors(error: unknown): RowError[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details as { rows?: unknown } | unknown[] | null | undefined;
  const list = Array.isArray(details) ? details : Array.isArray((details as { rows?: unknown } | null)?.rows) ? (details as { rows: unknown[] }).rows : [];
  return list.filter((r): r is RowError => typeof (r as { message?: unknown })?.message === 'string');
}

/** One refused row in the interface's language: "Row 3 · SKU: unknown SKU X" (the API's English when its code is not known here). */
export function rowErrorText(t: TFunction<'warehouse'>, e: RowError): string {
  const where = e.row === null ? t('moves.file') : t('moves.row', { row: e.row });
  const column = e.column ? ` · ${t(`importColumn.${e.column}`, { defaultValue: e.column })}` : '';
  const what = e.code ? t(`importError.${e.code}`, { ...e.params, defaultValue: e.message }) : e.message;
  return t('moves.rowError', { where, column, what });
}
