/** The notices of one return beside its timeline: who heard what, by which channel, whether it arrived; resend. */
import { NotificationOutlined } from '@ant-design/icons';
import { Card, Flex, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatShortDateTime } from '../../../components/format.ts';
import { useSession } from '../../../session/session.tsx';
import type { NoticeView } from '../api/integrations-types.ts';
import { useDeliveries } from '../api/notices-api.ts';
import { ChannelIcon, DeliveryStatusTag, useNoticeLabels } from '../labels.tsx';
import { DeliveryDrawer } from '../notices/delivery-drawer.tsx';
import { ResendButton } from '../notices/resend-button.tsx';

export function ReturnNoticesCard({ returnId }: { returnId: string }) {
  const { t } = useTranslation('integrations');
  const { can } = useSession();
  const allowed = can('notifications:read');
  const labels = useNoticeLabels();
  const notices = useDeliveries({ returnId }, { limit: 50 }, { enabled: allowed });
  const [open, setOpen] = useState<string | null>(null);
  if (!allowed) return null;
  const rows = notices.data?.data ?? [];
  const customerRows = rows.filter((r) => r.audience === 'customer').length;

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <NotificationOutlined />
          {t('returnNotices.title')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            {t('returnNotices.summary', { customer: customerRows, staff: rows.length - customerRows })}
          </Typography.Text>
        </Flex>
      }
      extra={<Link to={`/console/notices?tab=log&returnId=${returnId}`}>{t('returnNotices.openLog')}</Link>}
      styles={{ body: { padding: rows.length > 0 ? 0 : undefined } }}
      data-testid="return-notices"
    >
      {rows.length === 0 && !notices.isLoading ? (
        <Typography.Text type="secondary">{t('returnNotices.empty')}</Typography.Text>
      ) : (
        <Table<NoticeView>
          rowKey="id"
          size="small"
          loading={notices.isLoading}
          dataSource={rows}
          pagination={rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
          scroll={{ x: 640 }}
          columns={[
            { title: t('log.time'), dataIndex: 'createdAt', width: 100, render: (v: string) => formatShortDateTime(v) },
            { title: t('log.event'), dataIndex: 'eventType', width: 130, render: (v: string) => labels.event(v) },
            {
              title: t('log.recipient'),
              key: 'to',
              ellipsis: true,
              render: (_, r) => (
                <Tooltip title={`${labels.channel(r.channel)} · ${labels.recipient(r.recipient)}`}>
                  <Flex gap={6} align="center">
                    <ChannelIcon channel={r.channel} />
                    <Typography.Text ellipsis>{labels.recipient(r.recipient)}</Typography.Text>
                  </Flex>
                </Tooltip>
              ),
            },
            { title: t('log.result'), key: 'status', width: 96, render: (_, r) => <DeliveryStatusTag status={r.status} error={r.lastError} /> },
            {
              title: '',
              key: 'actions',
              width: 150,
              render: (_, r) => (
                <Flex gap={4}>
                  <Typography.Link onClick={() => setOpen(r.id)} style={{ whiteSpace: 'nowrap', lineHeight: '24px' }}>
                    {t('log.details')}
                  </Typography.Link>
                  {r.channel === 'in_app' ? null : <ResendButton notice={r} />}
                </Flex>
              ),
            },
          ]}
        />
      )}
      <DeliveryDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
