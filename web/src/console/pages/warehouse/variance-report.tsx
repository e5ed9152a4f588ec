/**
 * The variance report (managers only): expected at the snapshot, counted, the difference
 * and its value; while the count is open, what moved since the snapshot and what on hand
 * will be once the corrections post.
 */
import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Row, Statistic, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../components/money.ts';
import { errorText } from '../../api/client.ts';
import { Money } from '../../components/money.tsx';
import { ProductCell, useLocationName } from './parts.tsx';
import { type StockCountView, useVariance, type VarianceLine } from './stocktaking-api.ts';
import { downloadXlsx } from './xlsx.ts';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function Diff({ value, money }: { value: number | null; money?: boolean }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const type = value > 0 ? 'success' : value < 0 ? 'danger' : 'secondary';
  return (
    <Typography.Text type={type} strong={value !== 0} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {money ? (value > 0 ? `+${formatMoney(value)}` : formatMoney(value)) : signed(value)}
    </Typography.Text>
  );
}

export function VarianceReportCard({ count }: { count: StockCountView }) {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  // While counting, the expected quantities stay hidden until asked for: a manager may be helping count.
  // Once the count is handed in the report shows by itself (the page may have been open since counting).
  const [asked, setReveal] = useState(false);
  const reveal = asked || count.status !== 'counting';
  const [onlyDiff, setOnlyDiff] = useState(false);
  const report = useVariance(count.id, reveal);
  const name = useLocationName();
  const totals = report.data?.totals;
  const open = count.status === 'counting' || count.status === 'submitted';
  const lines = (report.data?.lines ?? []).filter((l) => !onlyDiff || (l.variance ?? 0) !== 0);

  if (!reveal) {
    return (
      <Card size="small" title={t('variance.title')}>
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Typography.Text type="secondary">{t('variance.hiddenWhileCounting')}</Typography.Text>
          <Button icon={<EyeOutlined />} onClick={() => setReveal(true)}>
            {t('variance.reveal')}
          </Button>
        </Flex>
      </Card>
    );
  }

  return (
    <Card
      size="small"
      title={t('variance.title')}
      data-testid="variance-report"
      extra={
        <Flex gap={12} align="center">
          <Flex gap={6} align="center">
            <Switch size="small" checked={onlyDiff} onChange={setOnlyDiff} />
            <Typography.Text>{t('variance.onlyDiff')}</Typography.Text>
          </Flex>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            onClick={() =>
              downloadXlsx(`stock-counts/${count.id}/variance.xlsx`, `${t('variance.file')}-${count.number}.xlsx`).catch((e: unknown) =>
                message.error(errorText(t, e)),
              )
            }
          >
            {t('variance.export')}
          </Button>
        </Flex>
      }
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('variance.linesWithVariance')} value={totals?.linesWithVariance ?? 0} suffix={`/ ${totals?.lines ?? 0}`} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('variance.units')}
            value={signed(totals?.netUnits ?? 0)}
            suffix={
              <Typography.Text type="secondary">{t('variance.overShort', { over: totals?.unitsOver ?? 0, short: totals?.unitsShort ?? 0 })}</Typography.Text>
            }
            styles={{ content: { color: (totals?.netUnits ?? 0) < 0 ? '#cf1322' : (totals?.netUnits ?? 0) > 0 ? '#389e0d' : undefined } }}
            data-testid="variance-net-units"
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('variance.netValue')}
            value={formatMoney(totals?.netValue ?? 0)}
            styles={{ content: { color: (totals?.netValue ?? 0) < 0 ? '#cf1322' : (totals?.netValue ?? 0) > 0 ? '#389e0d' : undefined } }}
            data-testid="variance-net-value"
          />
        </Col>
        <Col xs={12} md={6}>
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('variance.valueSplit')}</Typography.Text>
            <Typography.Text>
              {t('variance.over')} <Money amount={totals?.valueOver ?? 0} type="success" />
            </Typography.Text>
            <Typography.Text>
              {t('variance.short')} <Money amount={-(totals?.valueShort ?? 0)} type="danger" />
            </Typography.Text>
          </Flex>
        </Col>
      </Row>
      <Table<VarianceLine>
        rowKey="lineId"
        size="small"
        loading={report.isLoading}
        dataSource={lines}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 980 }}
        data-testid="variance-table"
        rowClassName={(l) => ((l.variance ?? 0) < 0 ? 'rf-row-overdue' : '')}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('variance.empty')} /> }}
        columns={[
          { title: t('common.location'), dataIndex: 'location', width: 120, render: (v: string) => name(v) },
          {
            title: t('common.product'),
            key: 'product',
            render: (_, l) => (
              <ProductCell
                name={l.productName}
                sku={l.sku}
                extra={
                  l.added ? (
                    <Tag color="purple" style={{ marginInlineStart: 6 }}>
                      {t('variance.added')}
                    </Tag>
                  ) : null
                }
              />
            ),
          },
          { title: t('variance.expected'), dataIndex: 'expectedQuantity', width: 90, align: 'right' },
          {
            title: t('variance.counted'),
            dataIndex: 'countedQuantity',
            width: 90,
            align: 'right',
            render: (v: number | null) => (v === null ? <Tag>{t('variance.uncounted')}</Tag> : v),
          },
          {
            title: t('variance.difference'),
            key: 'variance',
            width: 90,
            align: 'right',
            render: (_, l) => (
              <span data-testid={`variance-${l.sku}-${l.location}`}>
                <Diff value={l.variance} />
              </span>
            ),
          },
          { title: t('variance.unitPrice'), dataIndex: 'unitPrice', width: 100, align: 'right', render: (v: number) => <Money amount={v} /> },
          { title: t('variance.value'), key: 'value', width: 110, align: 'right', render: (_, l) => <Diff value={l.varianceValue} money /> },
          ...(open
            ? [
                {
                  title: <Tooltip title={t('variance.movedHint')}>{t('variance.moved')}</Tooltip>,
                  key: 'moved',
                  width: 100,
                  align: 'right' as const,
                  render: (_: unknown, l: VarianceLine) => <Diff value={l.movedSinceSnapshot} />,
                },
                {
                  title: <Tooltip title={t('variance.resultHint')}>{t('variance.result')}</Tooltip>,
                  key: 'result',
                  width: 110,
                  align: 'right' as const,
                  render: (_: unknown, l: VarianceLine) => (
                    <Typography.Text strong>
                      {l.resultingOnHand ?? '—'}
                      {l.currentOnHand !== null ? <Typography.Text type="secondary"> ({t('variance.now', { count: l.currentOnHand })})</Typography.Text> : null}
                    </Typography.Text>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
