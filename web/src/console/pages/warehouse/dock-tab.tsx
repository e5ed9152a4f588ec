/** Parcels at the dock without a return (拒收, 无主件): register them, find the unmatched, match them to a return or an order, or release them. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime, formatHours, hoursBetween } from '../../components/format.ts';
import { useSession } from '../../session/session.tsx';
import { ParcelMatch, ParcelRelease } from './parcel-actions.tsx';
import { ParcelRegister } from './parcel-register.tsx';
import { useLocationName } from './parts.tsx';
import { type ParcelView, useParcels } from './warehouse-api.ts';

const statusColors: Record<string, string> = { unmatched: 'orange', matched: 'green', closed: 'default' };

export function DockTab() {
  const { t } = useTranslation('warehouse');
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? (params.get('q') ? 'all' : 'unmatched');
  const q = params.get('q') ?? undefined;
  const parcels = useParcels({ status: status === 'all' ? undefined : status, q });
  const [registering, setRegistering] = useState(false);
  const [matching, setMatching] = useState<ParcelView | null>(null);
  const [releasing, setReleasing] = useState<ParcelView | null>(null);
  const name = useLocationName();
  const set = (patch: Record<string, string | undefined>) => {
    const next = { status, q, ...patch };
    setParams(Object.fromEntries(Object.entries(next).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')));
  };
  const receives = can('returns:receive');

  return (
    <Card
      size="small"
      title={
        <Flex gap={12} align="center" wrap style={{ padding: '8px 0' }}>
          <Segmented
            value={status}
            onChange={(v) => set({ status: String(v) })}
            options={['unmatched', 'matched', 'closed', 'all'].map((s) => ({ value: s, label: t(`dock.status.${s}`) }))}
            data-testid="dock-status"
          />
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder={t('dock.searchPlaceholder')}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: 260 }}
          />
        </Flex>
      }
      extra={
        receives ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="parcel-register-open">
            {t('dock.register')}
          </Button>
        ) : null
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<ParcelView>
        rowKey="id"
        size="middle"
        loading={parcels.isLoading}
        dataSource={parcels.data?.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 1000 }}
        data-testid="parcel-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(status === 'unmatched' ? 'dock.emptyUnmatched' : 'dock.empty')} /> }}
        columns={[
          {
            title: t('dock.parcel'),
            key: 'number',
            width: 240,
            render: (_, p) => (
              <Flex vertical gap={2}>
                <Flex gap={6} align="center">
                  <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                    {p.number}
                  </Typography.Text>
                  <Tag color={p.kind === 'refused' ? 'volcano' : 'purple'} style={{ marginInlineEnd: 0 }}>
                    {t(`dock.kinds.${p.kind}`)}
                  </Tag>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {p.carrier} · {p.trackingNumber}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('dock.contents'),
            key: 'contents',
            render: (_, p) => (
              <Flex vertical gap={2}>
                {p.lines.map((l) => (
                  <Typography.Text key={l.id} ellipsis style={{ maxWidth: 300 }}>
                    {l.productName} × {l.quantity}
                    {l.lot ? <Typography.Text type="secondary"> · {l.lot}</Typography.Text> : null}
                    {l.waitingQuantity > 0 && l.waitingQuantity < l.quantity ? (
                      <Typography.Text type="secondary"> · {t('dock.waitingCount', { count: l.waitingQuantity })}</Typography.Text>
                    ) : null}
                  </Typography.Text>
                ))}
              </Flex>
            ),
          },
          {
            title: t('dock.arrived'),
            key: 'arrived',
            width: 150,
            render: (_, p) => (
              <Flex vertical gap={2}>
                <span>{formatDateTime(p.createdAt)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('dock.ago', { time: formatHours(hoursBetween(p.createdAt), t) })} · {name(p.location)}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('dock.state'),
            key: 'status',
            width: 150,
            render: (_, p) => (
              <Flex vertical gap={2} align="flex-start">
                <Tag color={statusColors[p.status]} data-testid={`parcel-status-${p.number}`}>
                  {t(`dock.status.${p.status}`)}
                </Tag>
                {p.matchedReturn ? <Link to={`/console/returns/${p.matchedReturn.id}`}>{p.matchedReturn.number}</Link> : null}
                {p.matchedOrder && !p.matchedReturn ? (
                  <Typography.Text type="secondary">{t('dock.orderNo', { number: p.matchedOrder.number })}</Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            align: 'right',
            render: (_, p) => {
              const waiting = p.lines.some((l) => l.waitingQuantity > 0);
              if (!waiting) return null;
              return (
                <Flex gap={6} justify="flex-end">
                  {receives && !p.matchedReturn ? (
                    <Button size="small" type="primary" onClick={() => setMatching(p)} data-testid={`parcel-match-${p.trackingNumber}`}>
                      {t('dock.match')}
                    </Button>
                  ) : null}
                  {can('inventory:write') ? (
                    <Button size="small" onClick={() => setReleasing(p)} data-testid={`parcel-release-${p.trackingNumber}`}>
                      {t('dock.release')}
                    </Button>
                  ) : null}
                </Flex>
              );
            },
          },
        ]}
      />
      <ParcelRegister open={registering} onClose={() => setRegistering(false)} onDone={() => setRegistering(false)} />
      <ParcelMatch parcel={matching} onClose={() => setMatching(null)} />
      <ParcelRelease parcel={releasing} onClose={() => setReleasing(null)} />
    </Card>
  );
}
