/** Which products come back (and which jumped, why, since when), and the return rate by any dimension. */
import { DownloadOutlined, RiseOutlined } from '@ant-design/icons';
import { App, Button, Card, Drawer, Empty, Flex, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLabels } from '../../components/labels.ts';
import {
  type AnalyticsFilters,
  downloadReport,
  drillLink,
  type JumpsReport,
  type RateDimension,
  type RateReport,
  useJumpsReport,
  useProductReasons,
  useRateReport,
} from './analytics-api.ts';
import { Chart, palette, percent } from './chart.tsx';

/** An Excel button for a report. */
export function ExportButton({ path, params, name }: { path: string; params: Record<string, string | number | undefined>; name: string }) {
  const { t, i18n } = useTranslation('analytics');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Tooltip title={t('export')}>
      <Button
        size="small"
        icon={<DownloadOutlined />}
        loading={busy}
        data-testid={`export-${path}`}
        onClick={() => {
          setBusy(true);
          downloadReport(path, { ...params, lang: i18n.language === 'en' ? 'en' : 'zh-CN' }, `${name}-${params.from}-${params.to}.xlsx`)
            .catch(() => message.error(t('exportFailed')))
            .finally(() => setBusy(false));
        }}
      >
        Excel
      </Button>
    </Tooltip>
  );
}

const filterParams = (f: AnalyticsFilters) => ({ from: f.from, to: f.to, channel: f.channel, category: f.category, reasonCategory: f.reasonCategory });

/** Drill-down filters that repeat the dashboard's own. */
function baseDrill(f: AnalyticsFilters, reasonCodesOf: (category: string) => string[]) {
  return {
    orderChannel: f.channel,
    category: f.category,
    reasonCodes: f.reasonCategory ? reasonCodesOf(f.reasonCategory).join(',') : undefined,
  };
}

/** Reason codes of a reason category, from the policy. */
export function useReasonCodesOf() {
  const labels = useLabels();
  return (category: string) =>
    labels.reasons
      .flatMap((r) => [r, ...(r.children ?? []).map((c) => ({ ...c, category: c.category ?? r.category }))])
      .filter((r) => (r.category ?? 'other') === category)
      .map((r) => r.code);
}

function JumpsTable({ report, onOpen }: { report: JumpsReport | undefined; onOpen: (productId: string) => void }) {
  const { t } = useTranslation('analytics');
  return (
    <Table<JumpsReport['data'][number]>
      size="small"
      rowKey="productId"
      pagination={false}
      dataSource={report?.data ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jumps.none')} /> }}
      onRow={(row) => ({ onClick: () => onOpen(row.productId), style: { cursor: 'pointer' } })}
      data-testid="jumps-table"
      columns={[
        {
          title: t('jumps.product'),
          key: 'product',
          render: (_, r) => (
            <span>
              <Typography.Text strong>{r.name}</Typography.Text> <Typography.Text type="secondary">{r.sku}</Typography.Text>
            </span>
          ),
        },
        { title: t('jumps.rate'), key: 'rate', render: (_, r) => `${percent(r.baselineRate)} → ${percent(r.unitRate)}` },
        { title: t('jumps.lift'), dataIndex: 'lift', render: (l: number | null) => <Tag color="red">{l === null ? t('jumps.new') : `×${l.toFixed(1)}`}</Tag> },
        { title: t('jumps.since'), dataIndex: 'since' },
        { title: t('jumps.reason'), dataIndex: 'topReasonLabel', render: (l: string | null) => l ?? '—' },
      ]}
    />
  );
}

function ProductDrawer({ filters, productId, onClose }: { filters: AnalyticsFilters; productId: string | null; onClose: () => void }) {
  const { t } = useTranslation('analytics');
  const navigate = useNavigate();
  const report = useProductReasons({ ...filters, from: dayOffset(filters.to, -182), category: undefined }, productId);
  const d = report.data;
  const codes = [...new Set((d?.weekly ?? []).flatMap((w) => Object.keys(w.units)))];
  const label = (code: string) => d?.mix.find((m) => m.code === code)?.label ?? code;
  return (
    <Drawer
      open={productId !== null}
      onClose={onClose}
      size={760}
      title={d ? `${d.product.name} · ${d.product.sku}` : t('product.title')}
      data-testid="product-drawer"
    >
      {d ? (
        <Flex vertical gap={16}>
          <Typography.Text type="secondary">{t('product.mixHint', { category: d.product.category })}</Typography.Text>
          <Chart
            height={240}
            option={{
              tooltip: { trigger: 'axis', valueFormatter: (v) => percent(Number(v)) },
              legend: { top: 0 },
              grid: { left: 110, right: 20, top: 30, bottom: 20 },
              xAxis: { type: 'value', axisLabel: { formatter: (v: number) => percent(v, 0) } },
              yAxis: { type: 'category', data: d.mix.map((m) => m.label), inverse: true },
              series: [
                { name: t('product.this'), type: 'bar', data: d.mix.map((m) => m.productShare), itemStyle: { color: '#fa541c' } },
                { name: t('product.category'), type: 'bar', data: d.mix.map((m) => m.categoryShare), itemStyle: { color: '#bfbfbf' } },
              ],
            }}
          />
          <Typography.Text strong>{t('product.weekly')}</Typography.Text>
          <Chart
            height={260}
            onClick={(p) => {
              const week = d.weekly[p.dataIndex];
              if (week)
                navigate(
                  drillLink(
                    { fromInstant: `${week.start}T00:00:00+08:00`, toInstant: `${dayOffset(week.start, 7)}T00:00:00+08:00` },
                    { productId: d.product.id },
                  ),
                );
            }}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { top: 0 },
              grid: { left: 40, right: 50, top: 30, bottom: 30 },
              xAxis: { type: 'category', data: d.weekly.map((w) => w.start.slice(5)) },
              yAxis: [{ type: 'value' }, { type: 'value', axisLabel: { formatter: (v: number) => percent(v, 0) } }],
              series: [
                ...codes.map((code, i) => ({
                  name: label(code),
                  type: 'bar' as const,
                  stack: 'r',
                  data: d.weekly.map((w) => w.units[code] ?? 0),
                  itemStyle: { color: palette[i % palette.length] },
                })),
                { name: t('product.rate'), type: 'line' as const, yAxisIndex: 1, data: d.weekly.map((w) => w.unitRate), itemStyle: { color: '#262626' } },
              ],
            }}
          />
        </Flex>
      ) : (
        <Card loading />
      )}
    </Drawer>
  );
}

function dayOffset(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function ProductsSection({ filters, report, loading }: { filters: AnalyticsFilters; report: RateReport | undefined; loading: boolean }) {
  const { t } = useTranslation('analytics');
  const navigate = useNavigate();
  const jumps = useJumpsReport(filters);
  const reasonCodesOf = useReasonCodesOf();
  const [open, setOpen] = useState<string | null>(null);
  const rows = report?.data ?? [];
  return (
    <Card
      title={t('products.title')}
      extra={<ExportButton path="return-rate" params={{ ...filterParams(filters), groupBy: 'product' }} name="return-rate" />}
      loading={loading}
      data-testid="section-products"
    >
      <Typography.Text type="secondary">{t('products.hint')}</Typography.Text>
      <Chart
        testId="chart-products"
        height={300}
        onClick={(p) => {
          const row = rows[p.dataIndex];
          if (row && report) navigate(drillLink(report.period, { ...baseDrill(filters, reasonCodesOf), productId: row.key }));
        }}
        option={{
          tooltip: {
            trigger: 'axis',
            formatter: (items: unknown) => {
              const row = rows[(items as { dataIndex: number }[])[0]?.dataIndex ?? -1];
              return row ? `${row.label}<br/>${t('products.tooltip', { returned: row.returnedUnits, sold: row.soldUnits, rate: percent(row.unitRate) })}` : '';
            },
          },
          grid: { left: 170, right: 70, top: 10, bottom: 20 },
          yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisLabel: { width: 160, overflow: 'truncate' } },
          xAxis: { type: 'value', name: t('products.returned') },
          series: [
            {
              name: t('products.returned'),
              type: 'bar',
              data: rows.map((r) => ({
                value: r.returnedUnits,
                itemStyle: { color: (r.unitRate ?? 0) > (report?.totals.unitRate ?? 0) * 1.5 ? '#fa541c' : '#1677ff' },
              })),
              label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => percent(rows[p.dataIndex]?.unitRate) },
            },
          ],
        }}
      />
      <Flex align="center" gap={8} style={{ margin: '12px 0 8px' }}>
        <RiseOutlined style={{ color: '#cf1322' }} />
        <Typography.Text strong>{t('jumps.title')}</Typography.Text>
        <Tooltip title={t('jumps.rule', { ...(jumps.data?.rule ?? { minSoldUnits: 30, minReturnedUnits: 5, minLift: 1.5, minZ: 3.09 }) })}>
          <Typography.Text type="secondary" style={{ fontSize: 12, cursor: 'help' }}>
            {t('jumps.hint')}
          </Typography.Text>
        </Tooltip>
        <div style={{ flex: 1 }} />
        <ExportButton path="jumps" params={filterParams(filters)} name="jumps" />
      </Flex>
      <JumpsTable report={jumps.data} onOpen={setOpen} />
      <ProductDrawer filters={filters} productId={open} onClose={() => setOpen(null)} />
    </Card>
  );
}

const dimensions: RateDimension[] = ['category', 'supplier', 'channel', 'warehouse', 'reason', 'reasonCategory', 'customer'];

export function BreakdownSection({ filters }: { filters: AnalyticsFilters }) {
  const { t } = useTranslation('analytics');
  const labels = useLabels();
  const navigate = useNavigate();
  const reasonCodesOf = useReasonCodesOf();
  const [dimension, setDimension] = useState<RateDimension>('category');
  const report = useRateReport(filters, dimension, { limit: 15 });
  const rows = report.data?.data ?? [];
  const name = (key: string, label: string) =>
    dimension === 'channel' ? labels.channel(key) : dimension === 'reasonCategory' ? t(`reasonCategory.${key}`, { defaultValue: key }) : label;
  const drill = (key: string): Record<string, string | undefined> => {
    const base = baseDrill(filters, reasonCodesOf);
    switch (dimension) {
      case 'category':
        return { ...base, category: key };
      case 'supplier':
        return { ...base, supplierId: key };
      case 'channel':
        return { ...base, orderChannel: key };
      case 'warehouse':
        return { ...base, warehouseId: key };
      case 'reason':
        return { ...base, reasonCodes: key };
      case 'reasonCategory':
        return { ...base, reasonCodes: reasonCodesOf(key).join(',') };
      case 'customer':
        return { ...base, customerId: key };
      default:
        return base;
    }
  };
  return (
    <Card
      title={t('breakdown.title')}
      data-testid="section-breakdown"
      extra={
        <Flex gap={8} wrap>
          <Segmented<RateDimension> value={dimension} onChange={setDimension} options={dimensions.map((d) => ({ value: d, label: t(`dimension.${d}`) }))} />
          <ExportButton path="return-rate" params={{ ...filterParams(filters), groupBy: dimension }} name={`return-rate-${dimension}`} />
        </Flex>
      }
    >
      <Chart
        testId="chart-breakdown"
        height={300}
        onClick={(p) => {
          const row = rows[p.dataIndex];
          if (row && report.data) navigate(drillLink(report.data.period, drill(row.key)));
        }}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 50, right: 60, top: 40, bottom: 60 },
          xAxis: {
            type: 'category',
            data: rows.map((r) => name(r.key, r.label)),
            axisLabel: { rotate: rows.length > 8 ? 30 : 0, width: 90, overflow: 'truncate' },
          },
          yAxis: [
            { type: 'value', name: t('breakdown.units') },
            { type: 'value', axisLabel: { formatter: (v: number) => percent(v, 0) } },
          ],
          series: [
            { name: t('breakdown.returned'), type: 'bar', data: rows.map((r) => r.returnedUnits), itemStyle: { color: '#1677ff' } },
            { name: t('breakdown.unitRate'), type: 'line', yAxisIndex: 1, data: rows.map((r) => r.unitRate), itemStyle: { color: '#fa541c' } },
            {
              name: t('breakdown.valueRate'),
              type: 'line',
              yAxisIndex: 1,
              data: rows.map((r) => r.valueRate),
              itemStyle: { color: '#722ed1' },
              lineStyle: { type: 'dashed' },
            },
          ],
        }}
      />
    </Card>
  );
}
