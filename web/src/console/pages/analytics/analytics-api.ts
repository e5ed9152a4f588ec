/** The analytics reports over the API, typed from the server's zod schemas; filters live in the address. */
import type {
  CustomersReport,
  JumpsReport,
  MoneyReport,
  ProcessHealthReport,
  ProductReasonsReport,
  RateDimension,
  RateReport,
  ReasonsReport,
  TrendReport,
} from '@server/modules/analytics/analytics.schema.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { query } from '../../../api/http.ts';
import { api } from '../../api/client.ts';

export type { CustomersReport, JumpsReport, MoneyReport, ProcessHealthReport, ProductReasonsReport, RateDimension, RateReport, ReasonsReport, TrendReport };

/** The dashboard's filters: a period of shop-local days and what to narrow to. */
export type AnalyticsFilters = {
  from: string;
  to: string;
  channel?: string | undefined;
  category?: string | undefined;
  reasonCategory?: string | undefined;
};

type Params = Record<string, string | number | undefined>;

function useReport<T>(path: string, params: Params, enabled = true) {
  return useQuery({
    queryKey: ['analytics', path, params],
    queryFn: ({ signal }) => api.get<T>(`reports/${path}${query(params)}`, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled,
  });
}

export const useRateReport = (f: AnalyticsFilters, groupBy: RateDimension, o: { limit?: number; sort?: string } = {}) =>
  useReport<RateReport>('return-rate', { ...f, groupBy, limit: o.limit ?? 12, sort: o.sort });
export const useTrendReport = (f: AnalyticsFilters, interval: 'day' | 'week' | 'month') => useReport<TrendReport>('return-trend', { ...f, interval });
export const useReasonsReport = (f: AnalyticsFilters) => useReport<ReasonsReport>('reasons', { ...f });
export const useProductReasons = (f: AnalyticsFilters, productId: string | null) =>
  useReport<ProductReasonsReport>('product-reasons', { ...f, productId: productId ?? undefined }, productId !== null);
export const useJumpsReport = (f: AnalyticsFilters) => useReport<JumpsReport>('jumps', { ...f, limit: 10 });
export const useProcessHealth = (f: Pick<AnalyticsFilters, 'from' | 'to'> | Record<string, never> = {}, enabled = true) =>
  useReport<ProcessHealthReport>('process-health', { ...f }, enabled);
export const useMoneyReport = (f: AnalyticsFilters) => useReport<MoneyReport>('money', { ...f, limit: 10 });
export const useCustomersReport = (f: AnalyticsFilters) => useReport<CustomersReport>('customers', { ...f, limit: 10 });

/** Downloads a report as .xlsx with the staff token. */
export async function downloadReport(path: string, params: Params, fileName: string): Promise<void> {
  const token = api.tokens.get();
  const response = await fetch(`/api/v1/reports/${path}.xlsx${query(params)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Return statuses that count as returned (not rejected or cancelled). */
export const countedStatuses = 'requested,approved,in_transit,received,inspected,resolved,closed';

/** The console's returns list behind a bar: the returns filed in the period (UTC instants) that match. */
export function drillLink(period: { fromInstant: string; toInstant: string }, filters: Record<string, string | undefined>): string {
  return `/console/returns${query({ from: period.fromInstant, to: period.toInstant, status: countedStatuses, ...filters })}`;
}
