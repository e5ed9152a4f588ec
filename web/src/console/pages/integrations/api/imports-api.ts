/** The imports API as hooks: columns, upload for a preview, commit, history; templates and error reports download. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { query } from '../../../../api/http.ts';
import { api } from '../../../api/client.ts';
import { uploadFile } from './files.ts';
import type { ImportBatchRowView, ImportBatchView, ImportColumnView, ImportKind } from './integrations-types.ts';

export const importKinds: ImportKind[] = ['products', 'customers', 'orders', 'stock', 'after_sales'];
export const platforms = ['taobao', 'jd', 'pdd', 'douyin', 'generic'] as const;
export type Platform = (typeof platforms)[number];

/** The language reports are written in: the interface's. */
export function useReportLanguage(): 'zh-CN' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export function useImportColumns(kind: ImportKind, platform: Platform) {
  const lang = useReportLanguage();
  return useQuery({
    queryKey: ['imports', 'columns', kind, kind === 'after_sales' ? platform : null, lang],
    queryFn: ({ signal }) =>
      api.get<{ data: ImportColumnView[] }>(`imports/columns/${kind}${query({ platform: kind === 'after_sales' ? platform : undefined, lang })}`, signal),
    staleTime: 10 * 60_000,
  });
}

export function useImportHistory() {
  return useQuery({ queryKey: ['imports', 'history'], queryFn: ({ signal }) => api.get<{ data: ImportBatchRowView[] }>('imports', signal) });
}

/** One import in the reader's language (its problems are worded for them). */
export function useImportBatch(id: string | null) {
  const lang = useReportLanguage();
  return useQuery({
    queryKey: ['imports', 'batch', id, lang],
    queryFn: ({ signal }) => api.get<ImportBatchView>(`imports/${id}${query({ lang })}`, signal),
    enabled: id !== null,
  });
}

export function useUploadImport() {
  const lang = useReportLanguage();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, platform, file }: { kind: ImportKind; platform: Platform; file: File }) =>
      uploadFile<ImportBatchView>(`imports${query({ kind, platform: kind === 'after_sales' ? platform : undefined, fileName: file.name, lang })}`, file),
    onSuccess: (batch) => {
      client.setQueryData(['imports', 'batch', batch.id, lang], batch);
      void client.invalidateQueries({ queryKey: ['imports', 'history'] });
    },
  });
}

export function useCommitImport() {
  const lang = useReportLanguage();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ImportBatchView>(`imports/${id}/commit${query({ lang })}`),
    onSuccess: (batch) => {
      client.setQueryData(['imports', 'batch', batch.id, lang], batch);
      // What was imported shows up in the lists at once.
      for (const key of ['imports', 'returns', 'customers', 'stock', 'orders', 'queues']) void client.invalidateQueries({ queryKey: [key] });
    },
  });
}
