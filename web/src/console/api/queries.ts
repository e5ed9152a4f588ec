/** TanStack Query hooks over the API; lists and returns refresh every few seconds so everyone sees the same facts. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { query } from '../../api/http.ts';
import type { OrderView, Page, PolicyDocument, ReturnView } from '../../api/types.ts';
import { api, idempotencyKey } from './client.ts';
import type {
  ConsoleCustomerPage,
  ConsoleReturnPage,
  CustomerDetail,
  CustomerInsight,
  LedgerPage,
  ProcessUpdateBody,
  ProcessView,
  QueueOverview,
  ReturnWorkbench,
  StockOverview,
} from './console-types.ts';

/** How often live data is fetched again (ms). */
export const liveInterval = 5000;

export type ReturnListParams = {
  page?: number;
  pageSize?: number;
  queue?: string | undefined;
  status?: string | undefined;
  stage?: string | undefined;
  ownerRole?: string | undefined;
  channel?: string | undefined;
  reasonCode?: string | undefined;
  customerId?: string | undefined;
  orderId?: string | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  overdue?: 'true' | undefined;
  sort?: 'newest' | 'oldest' | 'due';
  /** Drill-down from analytics. */
  productId?: string | undefined;
  category?: string | undefined;
  supplierId?: string | undefined;
  reasonCodes?: string | undefined;
  orderChannel?: string | undefined;
  warehouseId?: string | undefined;
};

export function useQueues() {
  return useQuery({ queryKey: ['queues'], queryFn: ({ signal }) => api.get<QueueOverview>('console/queues', signal), refetchInterval: liveInterval });
}

export function useConsoleReturns(params: ReturnListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['returns', 'list', params],
    queryFn: ({ signal }) => api.get<ConsoleReturnPage>(`console/returns${query(params)}`, signal),
    refetchInterval: liveInterval,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useReturn(id: string) {
  return useQuery({ queryKey: ['returns', 'one', id], queryFn: ({ signal }) => api.get<ReturnView>(`returns/${id}`, signal), refetchInterval: liveInterval });
}

export function useWorkbench(id: string) {
  return useQuery({
    queryKey: ['returns', 'workbench', id],
    queryFn: ({ signal }) => api.get<ReturnWorkbench>(`console/returns/${id}/workbench`, signal),
    refetchInterval: liveInterval,
  });
}

export function useOrder(id: string | undefined) {
  return useQuery({ queryKey: ['orders', id], queryFn: ({ signal }) => api.get<OrderView>(`orders/${id}`, signal), enabled: Boolean(id) });
}

export function useOrdersOfCustomer(customerId: string) {
  return useQuery({
    queryKey: ['orders', 'customer', customerId],
    queryFn: ({ signal }) => api.get<Page<OrderView>>(`orders${query({ customerId, limit: 100 })}`, signal),
  });
}

export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: ['customers', id],
    queryFn: ({ signal }) => api.get<CustomerDetail>(`customers/${id}`, signal),
    enabled: Boolean(id),
    refetchInterval: liveInterval * 3,
  });
}

export function useCustomerInsight(id: string) {
  return useQuery({
    queryKey: ['customers', id, 'insight'],
    queryFn: ({ signal }) => api.get<CustomerInsight>(`console/customers/${id}/insight`, signal),
    refetchInterval: liveInterval * 3,
  });
}

export function useCustomers(params: { page: number; pageSize: number; q?: string | undefined }) {
  return useQuery({
    queryKey: ['customers', 'list', params],
    queryFn: ({ signal }) => api.get<ConsoleCustomerPage>(`console/customers${query(params)}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStock(params: { page: number; pageSize: number; q?: string | undefined; location?: string | undefined }) {
  return useQuery({
    queryKey: ['stock', 'list', params],
    queryFn: ({ signal }) => api.get<StockOverview>(`console/stock${query(params)}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: liveInterval * 2,
  });
}

export function useLedger(params: { page: number; pageSize: number; sku?: string | undefined; location?: string | undefined }, enabled: boolean) {
  return useQuery({
    queryKey: ['stock', 'ledger', params],
    queryFn: ({ signal }) => api.get<LedgerPage>(`console/stock/ledger${query(params)}`, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProcess(options: { live?: boolean } = {}) {
  return useQuery({
    queryKey: ['process'],
    queryFn: ({ signal }) => api.get<ProcessView>('console/process', signal),
    staleTime: 30_000,
    ...(options.live ? { refetchInterval: liveInterval } : {}),
  });
}

export type PublicReason = {
  code: string;
  label: string;
  labelEn?: string;
  shopFault: boolean;
  requiresPhoto: boolean;
  requiresNote: boolean;
  category?: string;
  children?: PublicReason[];
};

/** The shop's reasons as everyone may read them (GET /policy itself is for admin and manager). */
export function useReasons() {
  return useQuery({
    queryKey: ['public-policy'],
    queryFn: ({ signal }) => api.get<{ reasons: PublicReason[] }>('public/policy', signal),
    staleTime: 5 * 60_000,
  });
}

export function usePolicy() {
  return useQuery({ queryKey: ['policy'], queryFn: ({ signal }) => api.get<PolicyDocument>('policy', signal), staleTime: 5 * 60_000 });
}

/** Publishes the process as edited by a manager. */
export function useSaveProcess() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProcessUpdateBody) => api.put<ProcessView>('console/process', body),
    onSuccess: (view) => client.setQueryData(['process'], view),
  });
}

/** Runs an action on a return and refreshes everything that shows returns. */
export function useReturnAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: string; body?: unknown }) => api.post<ReturnView>(`returns/${id}/${action}`, body ?? {}, idempotencyKey()),
    onSuccess: (view) => {
      client.setQueryData(['returns', 'one', id], view);
      // Refresh in the background: the form closes as soon as the server has answered.
      void Promise.all([
        client.invalidateQueries({ queryKey: ['returns'] }),
        client.invalidateQueries({ queryKey: ['queues'] }),
        client.invalidateQueries({ queryKey: ['stock'] }),
        client.invalidateQueries({ queryKey: ['customers'] }),
      ]);
    },
  });
}

/** Approves a refund held for a second finance user. */
export function useApproveRefund(returnId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (refundId: string) => api.post(`refunds/${refundId}/approve`, {}, idempotencyKey()),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['returns', 'one', returnId] }),
        client.invalidateQueries({ queryKey: ['returns'] }),
        client.invalidateQueries({ queryKey: ['queues'] }),
      ]);
    },
  });
}
