/**
 * The returns zone (退货专区): what waits there, since when, for which return or parcel,
 * oldest first; units past the inspection stage's time limit are flagged and counted.
 */
import { ClockCircleOutlined, InboxOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Empty, Flex, Row, Select, Statistic, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatHours } from '../../components/format.ts';
import { ProductCell, useLocationName } from './parts.tsx';
import { type ReturnsZoneEntry, useReturnsZone, useWarehouses } from './warehouse-api.ts';

export function ReturnsZoneTab() {
  const { t } = useTranslation('warehouse');
  const [warehouse, setWarehouse] = useState<string | undefined>(undefined);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const zone = useReturnsZone({ warehouse, overdue: overdueOnly ? 'true' : undefined });
  const warehouses = useWarehouses();
  const name = useLocationName();
  const summary = zone.data?.summary;
  const limit = summary?.inspectionLimitHours ?? null;

  const source = (e: ReturnsZoneEntry) => {
    const tag = (
      <Tag color={e.source.type === 'return' ? 'blue' : e.source.type === 'parcel' ? 'gold' : 'default'} style={{ marginInlineEnd: 0 }}>
        {t(`zone.sourceType.${e.source.type}`)}
      </Tag>
    );
    if (e.source.type === 'other') {
      return (
        <Flex gap={6} align="center">
          {tag}
          {/* Negative: a count or an adjustment found fewer units than the returns and parcels account for. */}
          {e.quantity < 0 ? (
            <Typography.Text type="danger">{t('zone.shortSource')}</Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('zone.otherSource')}</Typography.Text>
          )}
        </Flex>
      );
    }
    const link =
      e.source.type === 'return' && e.source.id ? (
        <Link to={`/console/returns/${e.source.id}`} data-testid={`zone-return-${e.source.number}`} style={{ whiteSpace: 'nowrap' }}>
          {e.source.number}
        </Link>
      ) : (
        <Link to={`/console/warehouse/dock?q=${encodeURIComponent(e.source.number ?? '')}`} style={{ whiteSpace: 'nowrap' }}>
          {e.source.number}
        </Link>
      );
    const status =
      e.source.type === 'return'
        ? t(`common:status.${e.source.status}`, { defaultValue: e.source.status ?? '' })
        : t(`zone.parcelStatus.${e.source.status ?? 'unmatched'}`);
    return (
      <Flex vertical gap={2}>
        <Flex gap={6} align="center">
          {tag}
          {link}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {status}
        </Typography.Text>
      </Flex>
    );
  };

  return (
    <Flex vertical gap={16} data-testid="returns-zone">
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} xl={6}>
          <Card size="small" className="rf-returns-zone" style={{ borderColor: '#ffd591' }}>
            <Statistic
              title={
                <Flex gap={6} align="center">
                  <InboxOutlined style={{ color: '#fa8c16' }} />
                  {t('zone.waiting')}
                </Flex>
              }
              value={summary?.units ?? 0}
              suffix={t('common.units')}
            />
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card size="small" style={summary?.overdueUnits ? { borderColor: '#ffa39e', background: '#fff1f0' } : undefined}>
            <Statistic
              title={
                <Flex gap={6} align="center">
                  <WarningOutlined style={{ color: summary?.overdueUnits ? '#cf1322' : '#8c8c8c' }} />
                  {t('zone.overdue')}
                </Flex>
              }
              value={summary?.overdueUnits ?? 0}
              suffix={t('common.units')}
              styles={{ content: { color: summary?.overdueUnits ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card size="small">
            <Statistic
              title={
                <Flex gap={6} align="center">
                  <ClockCircleOutlined style={{ color: '#1677ff' }} />
                  {t('zone.limit')}
                </Flex>
              }
              value={limit === null ? '—' : formatHours(limit, t)}
            />
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Card size="small" styles={{ body: { minHeight: 86 } }}>
            <Typography.Text type="secondary">{t('zone.byLocation')}</Typography.Text>
            <Flex gap={6} wrap style={{ marginTop: 8 }}>
              {(summary?.locations ?? []).map((l) => (
                <Tag key={l.code} color={l.onHand > 0 ? 'orange' : 'default'}>
                  {l.warehouseCode} {name(l.code)} · {l.onHand}
                </Tag>
              ))}
            </Flex>
          </Card>
        </Col>
      </Row>
      {summary && summary.overdueUnits > 0 ? (
        <Alert
          type="error"
          showIcon
          data-testid="zone-overdue-alert"
          title={t('zone.overdueAlert', { count: summary.overdueUnits, limit: limit === null ? '—' : formatHours(limit, t) })}
        />
      ) : null}
      <Card
        size="small"
        title={t('zone.listTitle')}
        extra={
          <Flex gap={12} align="center" wrap>
            <Select
              allowClear
              value={warehouse}
              onChange={setWarehouse}
              placeholder={t('common.allWarehouses')}
              style={{ width: 180 }}
              options={(warehouses.data?.data ?? []).map((w) => ({ value: w.code, label: `${w.name} · ${w.code}` }))}
            />
            <Flex gap={6} align="center">
              <Switch size="small" checked={overdueOnly} onChange={setOverdueOnly} data-testid="zone-overdue-only" />
              <Typography.Text>{t('zone.overdueOnly')}</Typography.Text>
            </Flex>
          </Flex>
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<ReturnsZoneEntry>
          rowKey={(e) => `${e.location}-${e.sku}-${e.source.type}-${e.source.id ?? ''}`}
          size="middle"
          loading={zone.isLoading}
          dataSource={zone.data?.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 880 }}
          rowClassName={(e) => (e.overdue ? 'rf-row-overdue' : '')}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('zone.empty')} /> }}
          data-testid="zone-table"
          columns={[
            {
              title: t('zone.since'),
              key: 'since',
              width: 190,
              render: (_, e) =>
                e.since ? (
                  <Flex vertical gap={2}>
                    <Flex gap={6} align="center">
                      <Typography.Text strong={e.overdue} type={e.overdue ? 'danger' : undefined}>
                        {formatHours(e.ageHours ?? 0, t)}
                      </Typography.Text>
                      {e.overdue ? (
                        <Tooltip title={t('zone.overdueTip', { limit: limit === null ? '—' : formatHours(limit, t) })}>
                          <Tag color="red" icon={<WarningOutlined />} style={{ marginInlineEnd: 0 }}>
                            {t('zone.overdueTag')}
                          </Tag>
                        </Tooltip>
                      ) : null}
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(e.since)}
                    </Typography.Text>
                  </Flex>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
            { title: t('common.product'), key: 'product', render: (_, e) => <ProductCell name={e.productName} sku={e.sku} /> },
            {
              title: t('common.quantity'),
              dataIndex: 'quantity',
              width: 80,
              align: 'center',
              render: (q: number) => (
                <Typography.Text strong type={q < 0 ? 'danger' : undefined}>
                  {q}
                </Typography.Text>
              ),
            },
            {
              title: t('common.location'),
              key: 'location',
              width: 150,
              render: (_, e) => (
                <Flex vertical>
                  <span>{name(e.location)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.warehouseCode} · {e.location}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('zone.for'),
              key: 'source',
              width: 190,
              render: (_, e) => source(e),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
