/** The notices API as hooks: templates with preview, channel settings and robots, the delivery log, the staff inbox, customers' preferences. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { query } from '../../../../api/http.ts';
import type { Page } from '../../../../api/types.ts';
import { api } from '../../../api/client.ts';
import { liveInterval } from '../../../api/queries.ts';
import type {
  InboxItemView,
  NoticeDetailView,
  NoticeView,
  PreferencesBody,
  PreferencesView,
  RobotBody,
  RobotView,
  SettingKey,
  SettingsView,
  TemplateKey,
  TemplateList,
  TemplatePreviewView,
  TemplateText,
  TemplateView,
} from './integrations-types.ts';

export function useTemplates() {
  return useQuery({ queryKey: ['notices', 'templates'], queryFn: ({ signal }) => api.get<TemplateList>('notification-templates', signal) });
}

/** The rendered sample of a template or of an unsaved draft. */
export function useTemplatePreview(key: TemplateKey | null, draft: Partial<TemplateText> | null) {
  return useQuery({
    queryKey: ['notices', 'preview', key, draft],
    queryFn: () => api.post<TemplatePreviewView>('notification-templates/preview', { ...key, ...(draft ? { draft } : {}) }),
    enabled: key !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useSaveTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TemplateKey & TemplateText) => api.put<TemplateView>('notification-templates', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notices', 'templates'] }),
  });
}

export function useResetTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (key: TemplateKey) => api.del<TemplateView>(`notification-templates/${key.audience}/${key.event}/${key.locale}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notices', 'templates'] }),
  });
}

export function useNoticeSettings() {
  return useQuery({ queryKey: ['notices', 'settings'], queryFn: ({ signal }) => api.get<SettingsView>('notification-settings', signal) });
}

export function useSaveSetting<K extends SettingKey>(key: K) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<SettingsView[K]>) => api.put<SettingsView[K]>(`notification-settings/${key}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notices', 'settings'] }),
  });
}

export type TestResult = { ok: boolean; provider?: string | null; error: string | null };

export function useTestChannel() {
  return useMutation({
    mutationFn: (body: { channel: 'sms' | 'email' | 'wechat_mp'; to: string; locale: 'zh-CN' | 'en' }) =>
      api.post<TestResult>('notification-settings/test', body),
  });
}

export function useRobots() {
  return useQuery({ queryKey: ['notices', 'robots'], queryFn: ({ signal }) => api.get<{ data: RobotView[] }>('notification-robots', signal) });
}

export function useSaveRobot() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: Partial<RobotBody> }) =>
      id ? api.patch<RobotView>(`notification-robots/${id}`, body) : api.post<RobotView>('notification-robots', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notices', 'robots'] }),
  });
}

export function useDeleteRobot() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del(`notification-robots/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notices', 'robots'] }),
  });
}

export function useTestRobot() {
  return useMutation({ mutationFn: (id: string) => api.post<TestResult>(`notification-robots/${id}/test`) });
}

export type DeliveryFilters = {
  status?: string | undefined;
  channel?: string | undefined;
  audience?: string | undefined;
  eventType?: string | undefined;
  recipient?: string | undefined;
  returnId?: string | undefined;
  customerId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

/** One page of the delivery log (cursor paging, newest first); refreshed while notices are on their way. */
export function useDeliveries(filters: DeliveryFilters, page: { limit: number; cursor?: string | undefined }, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['notices', 'deliveries', filters, page],
    queryFn: ({ signal }) => api.get<Page<NoticeView>>(`notifications/deliveries${query({ ...filters, ...page })}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: liveInterval,
    enabled: options.enabled ?? true,
  });
}

export function useDelivery(id: string | null) {
  return useQuery({
    queryKey: ['notices', 'delivery', id],
    queryFn: ({ signal }) => api.get<NoticeDetailView>(`notifications/deliveries/${id}`, signal),
    enabled: id !== null,
    refetchInterval: liveInterval,
  });
}

export function useResend() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<NoticeDetailView>(`notifications/deliveries/${id}/resend`),
    onSuccess: (notice) => {
      client.setQueryData(['notices', 'delivery', notice.id], notice);
      void client.invalidateQueries({ queryKey: ['notices', 'deliveries'] });
    },
  });
}

/** The signed-in user's in-app notices; their text is in the user's language, so the language is part of the key. */
export function useInbox(unreadOnly: boolean, enabled: boolean) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['inbox', 'list', unreadOnly, i18n.language],
    queryFn: ({ signal }) => api.get<Page<InboxItemView>>(`notifications/inbox${query({ unread: unreadOnly ? 'true' : undefined, limit: 50 })}`, signal),
    enabled,
    refetchInterval: liveInterval,
    placeholderData: keepPreviousData,
  });
}

export function useUnreadCount() {
  return useQuery({
    queryKey: ['inbox', 'unread'],
    queryFn: ({ signal }) => api.get<{ unread: number }>('notifications/inbox/unread-count', signal),
    refetchInterval: liveInterval,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[] | null) => api.post<{ marked: number }>('notifications/inbox/read', ids ? { ids } : {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inbox'] }),
  });
}

export function usePreferences(customerId: string, enabled = true) {
  return useQuery({
    queryKey: ['customers', customerId, 'notice-preferences'],
    queryFn: ({ signal }) => api.get<PreferencesView>(`customers/${customerId}/notification-preferences`, signal),
    enabled,
  });
}

export function useSavePreferences(customerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PreferencesBody) => api.put<PreferencesView>(`customers/${customerId}/notification-preferences`, body),
    onSuccess: (view) => client.setQueryData(['customers', customerId, 'notice-preferences'], view),
  });
}
