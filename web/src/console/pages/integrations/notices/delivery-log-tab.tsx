/** The delivery log: what was sent to whom, when, the result and every attempt; resend from the row or the drawer. */
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatShortDateTime } from '../../../components/format.ts';
import type { NoticeView } from '../api/integrations-types.ts';
import { type DeliveryFilters, useDeliveries } from '../api/notices-api.ts';
import { ChannelIcon, DeliveryStatusTag, useNoticeLabels } from '../labels.tsx';
import { DeliveryDrawer } from './delivery-drawer.tsx';
import { DeliveryFilterBar } from './delivery-filters.tsx';
import { ResendButton } from './resend-button.tsx';

const filterKeys = ['status', 'channel', 'audience', 'eventType', 'recipient', 'returnId', 'customerId', 'from', 'to'] as const;
const pageSize = 20;

export function DeliveryLogTab() {
  const { t } = useTranslation('integrations');
  const labels = useNoticeLabels();
  const [params, setParams] = useSearchParams();
  const filters: DeliveryFilters = Object.fromEntries(filterKeys.flatMap((k) => (params.get(k) ? [[k, params.get(k) as string]] : [])));
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const list = useDeliveries(filters, { limit: pageSize, cursor });
  const [open, setOpen] = useState<string | null>(null);
  const rows = list.data?.data ?? [];

  const update = (next: DeliveryFilters) => {
    const entries = Object.entries(next).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
    setParams(new URLSearchParams([['tab', 'log'], ...entries]));
    setCursors([undefined]);
  };

  return (
    <Flex vertical gap={16} data-testid="delivery-log">
      <Card styles={{ body: { padding: 16 } }}>
        <DeliveryFilterBar value={filters} returnNumber={rows[0]?.returnNumber ?? null} onChange={update} />
      </Card>
      <Card styles={{ body: { paddingTop: 8 } }}>
        <Table<NoticeView>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1050 }}
          onRow={(row) => ({ 'data-notice-id': row.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('log.time'),
              dataIndex: 'createdAt',
              width: 100,
              render: (v: string, row) => (
                <Tooltip title={row.sentAt ? t('log.sentAt', { time: formatShortDateTime(row.sentAt) }) : undefined}>
                  <Typography.Text>{formatShortDateTime(v)}</Typography.Text>
                </Tooltip>
              ),
            },
            {
              title: t('log.event'),
              key: 'event',
              width: 135,
              render: (_, row) => (
                <div>
                  <div>{labels.event(row.eventType)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`audience.${row.audience}`, { defaultValue: row.audience })}
                    {row.essential ? '' : ` · ${t('log.nonEssential')}`}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t('log.recipient'),
              key: 'recipient',
              width: 190,
              render: (_, row) => (
                <Flex gap={8} align="flex-start">
                  <span style={{ fontSize: 16, lineHeight: '22px' }}>
                    <ChannelIcon channel={row.channel} />
                  </span>
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <div>{labels.channel(row.channel)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} ellipsis={{ tooltip: labels.recipient(row.recipient) }}>
                      {labels.recipient(row.recipient)}
                    </Typography.Text>
                  </div>
                </Flex>
              ),
            },
            {
              title: t('log.return'),
              key: 'return',
              width: 145,
              render: (_, row) =>
                row.returnId ? (
                  <Link to={`/console/returns/${row.returnId}`} style={{ whiteSpace: 'nowrap' }}>
                    {row.returnNumber}
                  </Link>
                ) : (
                  '—'
                ),
            },
            {
              title: t('log.content'),
              key: 'content',
              ellipsis: true,
              render: (_, row) => (
                <Tooltip title={row.short} placement="topLeft">
                  <Typography.Text>{row.subject}</Typography.Text>
                </Tooltip>
              ),
            },
            {
              title: t('log.result'),
              key: 'status',
              width: 140,
              render: (_, row) => (
                <Flex vertical gap={2} align="flex-start">
                  <DeliveryStatusTag status={row.status} error={row.lastError} />
                  {row.attempts > 0 ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('log.attemptsCount', { count: row.attempts })}
                      {row.resendCount > 0 ? ` · ${t('log.resentCount', { count: row.resendCount })}` : ''}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            {
              title: t('log.actions'),
              key: 'actions',
              width: 170,
              render: (_, row) => (
                <Flex gap={6}>
                  <Button size="small" type="link" onClick={() => setOpen(row.id)} data-testid={`open-${row.id}`}>
                    {t('log.details')}
                  </Button>
                  {/* In-app notices are not sent anywhere: nothing to resend (the drawer says so). */}
                  {row.channel === 'in_app' ? null : <ResendButton notice={row} />}
                </Flex>
              ),
            },
          ]}
          locale={{ emptyText: t('log.empty') }}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('log.page', { page: cursors.length })}</Typography.Text>
          <Flex gap={8}>
            <Button icon={<LeftOutlined />} disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              {t('log.newer')}
            </Button>
            <Button disabled={!list.data?.nextCursor} onClick={() => list.data?.nextCursor && setCursors([...cursors, list.data.nextCursor])}>
              {t('log.older')}
              <RightOutlined />
            </Button>
          </Flex>
        </Flex>
      </Card>
      {filters.returnId && rows.length === 0 && !list.isLoading ? <Tag>{t('log.noneForReturn')}</Tag> : null}
      <DeliveryDrawer id={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}
