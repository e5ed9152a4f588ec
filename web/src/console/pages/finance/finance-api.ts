/** Finance's queries and actions over the API, typed from the server's zod schemas. */
import type { FinanceCloseView, FinanceQueueView, ReconciliationView } from '@server/modules/finance/finance.schema.ts';
import type { RefundDetailView, RefundListItem, RefundNoteUpdateBody, RefundNoteView, RefundPreviewView } from '@server/modules/refunds/refunds.schema.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { query } from '../../../api/http.ts';
import type { Page } from '../../../api/types.ts';
import { api } from '../../api/client.ts';
import { liveInterval } from '../../api/queries.ts';

export type { FinanceCloseView, FinanceQueueView, ReconciliationView, RefundDetailView, RefundListItem, RefundNoteView, RefundPreviewView };
export type FinanceQueueItem = FinanceQueueView['items'][number];

export function useFinanceQueue(enabled = true) {
  return useQuery({
    queryKey: ['finance', 'queue'],
    queryFn: ({ signal }) => api.get<FinanceQueueView>('finance/queue', signal),
    refetchInterval: liveInterval,
    enabled,
  });
}

/** The reconciliation of a period; without one, the server's week up to the shop's today. */
export function useReconciliation(range: { from: string; to: string } | null) {
  return useQuery({
    queryKey: ['finance', 'reconciliation', range],
    queryFn: ({ signal }) => api.get<ReconciliationView>(`finance/reconciliation${range ? query(range) : ''}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCloses() {
  return useQuery({ queryKey: ['finance', 'closes'], queryFn: ({ signal }) => api.get<{ data: FinanceCloseView[] }>('finance/closes', signal) });
}

export function useRefundDocuments(params: { limit: number; cursor?: string | undefined; status?: string | undefined }) {
  return useQuery({
    queryKey: ['finance', 'refunds', params],
    queryFn: ({ signal }) => api.get<Page<RefundListItem>>(`refunds${query({ ...params, sort: 'newest' })}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: liveInterval * 2,
  });
}

export function useRefundDetail(id: string | null) {
  return useQuery({
    queryKey: ['finance', 'refund', id],
    queryFn: ({ signal }) => api.get<RefundDetailView>(`refunds/${id}`, signal),
    enabled: id !== null,
  });
}

/** The refund breakdown of a return (what the refund modal and the money card show). */
export function useRefundPreview(returnId: string, enabled = true) {
  return useQuery({
    queryKey: ['returns', 'refund-preview', returnId],
    queryFn: ({ signal }) => api.get<RefundPreviewView>(`returns/${returnId}/refund-preview`, signal),
    refetchInterval: liveInterval,
    enabled,
  });
}

function useInvalidateMoney() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['finance'] });
    void client.invalidateQueries({ queryKey: ['returns'] });
    void client.invalidateQueries({ queryKey: ['queues'] });
  };
}

export function useDecideRefund() {
  const invalidate = useInvalidateMoney();
  return useMutation({
    mutationFn: (o: { id: string; decision: 'approve' | 'reject'; reason?: string }) =>
      api.post(`refunds/${o.id}/${o.decision}`, o.decision === 'reject' ? { reason: o.reason } : {}),
    onSuccess: invalidate,
  });
}

export function useUpdateNote(refundId: string) {
  const invalidate = useInvalidateMoney();
  return useMutation({ mutationFn: (body: RefundNoteUpdateBody) => api.patch<RefundNoteView>(`refunds/${refundId}/note`, body), onSuccess: invalidate });
}

export function useCloseDay() {
  const invalidate = useInvalidateMoney();
  return useMutation({ mutationFn: (date: string) => api.post<FinanceCloseView>('finance/close', { date }), onSuccess: invalidate });
}

/** Downloads a file the API serves (PDF, Excel) with the staff token, and saves it under a name. */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const token = api.tokens.get();
  const response = await fetch(`/api/v1/${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
