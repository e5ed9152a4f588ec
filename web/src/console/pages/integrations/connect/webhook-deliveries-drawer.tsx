/** A webhook's delivery log: each event, its status and attempts, the last answer; redeliver one now. */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import { formatShortDateTime } from '../../../components/format.ts';
import { useRedeliver, useWebhookDeliveries } from '../api/connect-api.ts';
import type { WebhookDeliveryView, WebhookView } from '../api/integrations-types.ts';
import { DeliveryStatusTag, useNoticeLabels } from '../labels.tsx';

export function WebhookDeliveriesDrawer({ hook, onClose, onEnable }: { hook: WebhookView | null; onClose: () => void; onEnable: (hook: WebhookView) => void }) {
  const { t } = useTranslation('integrations');
  const { message } = App.useApp();
  const labels = useNoticeLabels();
  const deliveries = useWebhookDeliveries(hook?.id ?? null);
  const redeliver = useRedeliver(hook?.id ?? '');

  return (
    <Drawer open={hook !== null} onClose={onClose} size={820} title={t('webhooks.deliveriesTitle')} destroyOnHidden>
      {hook ? (
        <>
          <Typography.Paragraph copyable style={{ wordBreak: 'break-all' }}>
            {hook.url}
          </Typography.Paragraph>
          {!hook.active ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={hook.disabledAt ? t('webhooks.disabledAlert') : t('webhooks.pausedAlert')}
              description={hook.disabledReason ?? undefined}
              action={
                <Button type="primary" size="small" onClick={() => onEnable(hook)} data-testid="webhook-enable">
                  {t('webhooks.enable')}
                </Button>
              }
            />
          ) : null}
          <Table<WebhookDeliveryView>
            rowKey="id"
            size="small"
            loading={deliveries.isLoading}
            dataSource={deliveries.data?.data ?? []}
            pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
            locale={{ emptyText: t('webhooks.noDeliveries') }}
            columns={[
              { title: t('log.time'), dataIndex: 'createdAt', width: 110, render: (v: string) => formatShortDateTime(v) },
              {
                title: t('log.event'),
                dataIndex: 'eventType',
                render: (v: string, d) => (
                  <Tooltip title={d.eventId}>
                    <span>{labels.event(v)}</span>
                  </Tooltip>
                ),
              },
              { title: t('log.result'), dataIndex: 'status', width: 100, render: (v: string, d) => <DeliveryStatusTag status={v} error={d.lastError} /> },
              { title: t('webhooks.attempts'), dataIndex: 'attempts', width: 70, align: 'right' },
              {
                title: t('webhooks.lastAnswer'),
                key: 'answer',
                ellipsis: true,
                render: (_, d) =>
                  d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : d.lastError ? <Typography.Text type="danger">{d.lastError}</Typography.Text> : '—',
              },
              {
                title: t('webhooks.deliveredOrNext'),
                key: 'when',
                width: 120,
                render: (_, d) => (d.deliveredAt ? formatShortDateTime(d.deliveredAt) : d.status === 'pending' ? formatShortDateTime(d.nextAttemptAt) : '—'),
              },
              {
                title: '',
                key: 'redeliver',
                width: 110,
                render: (_, d) => (
                  <Button
                    size="small"
                    icon={<ReloadOutlined />}
                    disabled={!hook.active}
                    loading={redeliver.isPending && redeliver.variables === d.id}
                    onClick={() =>
                      void redeliver.mutateAsync(d.id).then(
                        () => message.success(t('webhooks.redelivered')),
                        (e: unknown) => message.error(errorText(t, e)),
                      )
                    }
                  >
                    {t('webhooks.redeliver')}
                  </Button>
                ),
              },
            ]}
          />
        </>
      ) : null}
    </Drawer>
  );
}
