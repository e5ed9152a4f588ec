/** Stocktaking's queries and actions: count plans, counts, the blind sheet, the variance report; typed from the server's zod schemas. */
import type {
  CountEntriesBody,
  CountPlanCreateBody,
  CountPlanUpdateBody,
  CountPlanView,
  CountSheetLine,
  StockCountCreateBody,
  StockCountView,
  VarianceLine,
  VarianceReport,
} from '@server/modules/stocktaking/stocktaking.schema.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { query } from '../../../api/http.ts';
import type { Page } from '../../../api/types.ts';
import { api, idempotencyKey } from '../../api/client.ts';
import { liveInterval } from '../../api/queries.ts';

export type { CountPlanView, CountSheetLine, StockCountView, VarianceLine, VarianceReport };
export type CountSheetPage = { count: StockCountView; data: CountSheetLine[]; nextCursor: string | null };
export type CountEntriesResult = { count: StockCountView; lines: CountSheetLine[] };

function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['warehouse'] });
    void client.invalidateQueries({ queryKey: ['stock'] });
  };
}

export function useCountPlans() {
  return useQuery({ queryKey: ['warehouse', 'plans'], queryFn: ({ signal }) => api.get<Page<CountPlanView>>('stock-count-plans?limit=100', signal) });
}

export function useCounts(status: string | undefined) {
  return useQuery({
    queryKey: ['warehouse', 'counts', status],
    queryFn: ({ signal }) => api.get<Page<StockCountView>>(`stock-counts${query({ status, limit: 100 })}`, signal),
    refetchInterval: liveInterval,
    placeholderData: keepPreviousData,
  });
}

export function useCount(id: string) {
  return useQuery({
    queryKey: ['warehouse', 'count', id],
    queryFn: ({ signal }) => api.get<StockCountView>(`stock-counts/${id}`, signal),
    refetchInterval: liveInterval,
  });
}

/** The whole blind sheet, every page of it (no expected quantities: the API never sends them to counters). */
export function useCountSheet(id: string) {
  return useQuery({
    queryKey: ['warehouse', 'sheet', id],
    queryFn: async ({ signal }) => {
      let page = await api.get<CountSheetPage>(`stock-counts/${id}/sheet?limit=200`, signal);
      const data = [...page.data];
      while (page.nextCursor) {
        page = await api.get<CountSheetPage>(`stock-counts/${id}/sheet${query({ limit: 200, cursor: page.nextCursor })}`, signal);
        data.push(...page.data);
      }
      return { ...page, data, nextCursor: null };
    },
    refetchInterval: liveInterval * 2,
  });
}

export function useVariance(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['warehouse', 'variance', id],
    queryFn: ({ signal }) => api.get<VarianceReport>(`stock-counts/${id}/variance`, signal),
    refetchInterval: liveInterval,
    enabled,
  });
}

export function useSaveCountPlan() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (o: { id?: string; create?: CountPlanCreateBody; update?: CountPlanUpdateBody }) =>
      o.id ? api.patch<CountPlanView>(`stock-count-plans/${o.id}`, o.update ?? {}) : api.post<CountPlanView>('stock-count-plans', o.create),
    onSuccess: refresh,
  });
}

export function useRunPlan() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (planId: string) => api.post<StockCountView>(`stock-count-plans/${planId}/run`, {}), onSuccess: refresh });
}

export function useStartCount() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: StockCountCreateBody) => api.post<StockCountView>('stock-counts', body, idempotencyKey()), onSuccess: refresh });
}

/** Enters counts; the sheet in the cache takes the answer's lines at once. */
export function useEnterCounts(countId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CountEntriesBody) => api.post<CountEntriesResult>(`stock-counts/${countId}/counts`, body),
    onSuccess: (result) => {
      client.setQueryData<CountSheetPage>(['warehouse', 'sheet', countId], (page) => {
        if (!page) return page;
        const changed = new Map(result.lines.map((l) => [l.lineId, l]));
        const known = new Set(page.data.map((l) => l.lineId));
        return {
          ...page,
          count: result.count,
          data: [...page.data.map((l) => changed.get(l.lineId) ?? l), ...result.lines.filter((l) => !known.has(l.lineId))],
        };
      });
      void client.invalidateQueries({ queryKey: ['warehouse', 'count', countId] });
      void client.invalidateQueries({ queryKey: ['warehouse', 'counts'] });
    },
  });
}

/** submit, approve, reopen or cancel a count. */
export function useCountDecision(countId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (o: { action: 'submit' | 'approve' | 'reopen' | 'cancel'; note?: string; uncountedAsZero?: boolean }) =>
      api.post<StockCountView>(
        `stock-counts/${countId}/${o.action}`,
        o.action === 'submit' ? { uncountedAsZero: o.uncountedAsZero ?? false } : { note: o.note },
      ),
    onSuccess: refresh,
  });
}
