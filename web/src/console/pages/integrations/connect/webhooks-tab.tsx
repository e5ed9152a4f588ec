/** Webhooks: subscriptions with their health, the delivery log with redelivery, and re-enabling one disabled after days of failures. */
import { DeleteOutlined, HistoryOutlined, PlusOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Popconfirm, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import { formatDateTime } from '../../../components/format.ts';
import { useDeleteWebhook, useSaveWebhook, useWebhooks } from '../api/connect-api.ts';
import type { WebhookView } from '../api/integrations-types.ts';
import { useNoticeLabels } from '../labels.tsx';
import { WebhookDeliveriesDrawer } from './webhook-deliveries-drawer.tsx';
import { WebhookDialog } from './webhook-dialog.tsx';

function Health({ hook }: { hook: WebhookView }) {
  const { t } = useTranslation('integrations');
  if (hook.disabledAt)
    return (
      <Tooltip title={hook.disabledReason ?? undefined}>
        <Tag color="red" icon={<WarningFilled />} style={{ marginInlineEnd: 0 }}>
          {t('webhooks.disabledAt', { time: formatDateTime(hook.disabledAt) })}
        </Tag>
      </Tooltip>
    );
  if (!hook.active) return <Tag style={{ marginInlineEnd: 0 }}>{t('webhooks.paused')}</Tag>;
  if (hook.failingSince)
    return (
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        {t('webhooks.failingSince', { time: formatDateTime(hook.failingSince) })}
      </Tag>
    );
  return (
    <Tag color="green" style={{ marginInlineEnd: 0 }}>
      {t('webhooks.healthy')}
    </Tag>
  );
}

export function WebhooksTab() {
  const { t } = useTranslation('integrations');
  const { message } = App.useApp();
  const labels = useNoticeLabels();
  const hooks = useWebhooks();
  const save = useSaveWebhook();
  const remove = useDeleteWebhook();
  const [creating, setCreating] = useState(false);
  const [log, setLog] = useState<WebhookView | null>(null);
  const disabled = (hooks.data?.data ?? []).filter((h) => h.disabledAt);

  const setActive = (hook: WebhookView, active: boolean) =>
    void save.mutateAsync({ id: hook.id, body: { active } }).then(
      () => message.success(active ? t('webhooks.enabled') : t('webhooks.pausedDone')),
      (e: unknown) => message.error(errorText(t, e)),
    );

  return (
    <Card
      title={t('webhooks.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="webhook-add">
          {t('webhooks.add')}
        </Button>
      }
      data-testid="webhooks-tab"
    >
      <Typography.Paragraph type="secondary">{t('webhooks.hint')}</Typography.Paragraph>
      {disabled.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('webhooks.someDisabled', { count: disabled.length })}
          description={t('webhooks.someDisabledHint')}
        />
      ) : null}
      <Table<WebhookView>
        rowKey="id"
        loading={hooks.isLoading}
        dataSource={hooks.data?.data ?? []}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: t('webhooks.empty') }}
        columns={[
          {
            title: t('webhooks.url'),
            dataIndex: 'url',
            render: (v: string, h) => (
              <div>
                <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
                  {v}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('webhooks.createdAt', { time: formatDateTime(h.createdAt) })}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: t('webhooks.events'),
            dataIndex: 'events',
            width: 260,
            render: (events: string[]) => (
              <Flex gap={4} wrap>
                {events.map((e) => (
                  <Tag key={e} style={{ marginInlineEnd: 0 }}>
                    {e === '*' ? t('webhooks.allEvents') : labels.event(e)}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          { title: t('webhooks.health'), key: 'health', width: 210, render: (_, h) => <Health hook={h} /> },
          {
            title: t('webhooks.active'),
            key: 'active',
            width: 90,
            render: (_, h) => <Switch size="small" checked={h.active} onChange={(on) => setActive(h, on)} data-testid={`webhook-active-${h.id}`} />,
          },
          {
            title: t('webhooks.actions'),
            key: 'actions',
            width: 170,
            render: (_, h) => (
              <Flex gap={4}>
                <Button size="small" icon={<HistoryOutlined />} onClick={() => setLog(h)} data-testid={`webhook-log-${h.id}`}>
                  {t('webhooks.deliveries')}
                </Button>
                <Popconfirm title={t('webhooks.deleteConfirm')} onConfirm={() => void remove.mutateAsync(h.id)}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('webhooks.delete')} />
                </Popconfirm>
              </Flex>
            ),
          },
        ]}
      />
      <WebhookDialog
        open={creating}
        busy={save.isPending}
        onCancel={() => setCreating(false)}
        onSubmit={(body) =>
          void save.mutateAsync({ id: null, body }).then(
            () => {
              message.success(t('webhooks.created'));
              setCreating(false);
            },
            (e: unknown) => message.error(errorText(t, e)),
          )
        }
      />
      <WebhookDeliveriesDrawer
        hook={log ? (hooks.data?.data.find((h) => h.id === log.id) ?? log) : null}
        onClose={() => setLog(null)}
        onEnable={(h) => setActive(h, true)}
      />
    </Card>
  );
}
