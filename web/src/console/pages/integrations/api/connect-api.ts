/** Webhooks, API keys, carrier tracking and scheduled jobs as hooks. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { query } from '../../../../api/http.ts';
import { ApiError, api } from '../../../api/client.ts';
import { liveInterval } from '../../../api/queries.ts';
import type { ApiKeyCreatedView, ApiKeyView, ArrivingView, ScheduledJobView, TrackingView, WebhookDeliveryView, WebhookView } from './integrations-types.ts';

export function useWebhooks() {
  return useQuery({ queryKey: ['webhooks'], queryFn: ({ signal }) => api.get<{ data: WebhookView[] }>('webhooks', signal), refetchInterval: liveInterval * 2 });
}

export type WebhookBody = { url?: string; events?: string[]; secret?: string; active?: boolean };

export function useSaveWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: WebhookBody }) =>
      id ? api.patch<WebhookView>(`webhooks/${id}`, body) : api.post<WebhookView>('webhooks', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

export function useDeleteWebhook() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.del(`webhooks/${id}`), onSuccess: () => client.invalidateQueries({ queryKey: ['webhooks'] }) });
}

export function useWebhookDeliveries(id: string | null) {
  return useQuery({
    queryKey: ['webhooks', id, 'deliveries'],
    queryFn: ({ signal }) => api.get<{ data: WebhookDeliveryView[]; nextCursor: string | null }>(`webhooks/${id}/deliveries${query({ limit: 100 })}`, signal),
    enabled: id !== null,
    refetchInterval: liveInterval,
  });
}

export function useRedeliver(webhookId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => api.post<WebhookDeliveryView>(`webhooks/${webhookId}/deliveries/${deliveryId}/redeliver`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['webhooks', webhookId, 'deliveries'] }),
  });
}

export function useApiKeys() {
  return useQuery({ queryKey: ['api-keys'], queryFn: ({ signal }) => api.get<{ data: ApiKeyView[] }>('api-keys', signal) });
}

export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; roles: string[] }) => api.post<ApiKeyCreatedView>('api-keys', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del<ApiKeyView>(`api-keys/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

/** What the carrier last reported for a return; null when no push has come yet. */
export function useTracking(returnId: string) {
  return useQuery({
    queryKey: ['returns', 'tracking', returnId],
    queryFn: async ({ signal }) => {
      try {
        return await api.get<TrackingView>(`logistics/returns/${returnId}/tracking`, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    refetchInterval: liveInterval * 3,
  });
}

export function useArriving(enabled = true) {
  return useQuery({
    queryKey: ['logistics', 'arriving'],
    queryFn: ({ signal }) => api.get<{ data: ArrivingView[] }>('logistics/arriving', signal),
    refetchInterval: liveInterval * 2,
    enabled,
  });
}

export function useJobs() {
  return useQuery({
    queryKey: ['scheduled-jobs'],
    queryFn: ({ signal }) => api.get<{ data: ScheduledJobView[] }>('scheduled-jobs', signal),
    refetchInterval: liveInterval,
  });
}

export function useRunJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post(`scheduled-jobs/${name}/run`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['scheduled-jobs'] }),
  });
}
