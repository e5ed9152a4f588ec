/** The trend with the period before, the reason mix, process health, money and goods, and customers. */
import { Card, Col, Flex, Row, Segmented, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatHours } from '../../components/format.ts';
import { useLabels } from '../../components/labels.ts';
import {
  type AnalyticsFilters,
  type CustomersReport,
  drillLink,
  type MoneyReport,
  useCustomersReport,
  useProcessHealth,
  useReasonsReport,
  useTrendReport,
} from './analytics-api.ts';
import { Chart, palette, percent, yuan } from './chart.tsx';
import { ExportButton, useReasonCodesOf } from './product-sections.tsx';
import { dayStartIn } from './shop-day.ts';

const params = (f: AnalyticsFilters) => ({ from: f.from, to: f.to, channel: f.channel, category: f.category, reasonCategory: f.reasonCategory });
const nextBucket = (start: string, interval: 'day' | 'week' | 'month') => {
  const d = new Date(`${start}T00:00:00Z`);
  if (interval === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCDate(d.getUTCDate() + (interval === 'week' ? 7 : 1));
  return d.toISOString().slice(0, 10);
};

export function TrendSection({ filters }: { filters: AnalyticsFilters }) {
  const { t } = useTranslation('analytics');
  const navigate = useNavigate();
  const reasonCodesOf = useReasonCodesOf();
  const [interval, setInterval] = useState<'day' | 'week' | 'month'>('day');
  const report = useTrendReport(filters, interval);
  const d = report.data;
  const points = d?.data ?? [];
  return (
    <Card
      title={t('trend.title')}
      data-testid="section-trend"
      extra={
        <Flex gap={8}>
          <Segmented value={interval} onChange={setInterval} options={(['day', 'week', 'month'] as const).map((i) => ({ value: i, label: t(`trend.${i}`) }))} />
          <ExportButton path="return-trend" params={{ ...params(filters), interval }} name="return-trend" />
        </Flex>
      }
    >
      {d ? (
        <Typography.Text type="secondary">
          {t('trend.compare', { rate: percent(d.totals.current.unitRate, 2), previous: percent(d.totals.previous.unitRate, 2), from: d.previousPeriod.from })}
        </Typography.Text>
      ) : null}
      <Chart
        testId="chart-trend"
        height={300}
        onClick={(p) => {
          const point = points[p.dataIndex];
          if (!point || !d) return;
          // The bucket's days inside the period (a week may begin before it), as instants in the shop's zone.
          const from = [point.start, d.period.from].sort()[1] ?? point.start;
          const end = nextBucket(point.start, interval);
          const to = [end, d.period.to].sort()[0] ?? end;
          navigate(
            drillLink(
              { fromInstant: dayStartIn(from, d.period.timeZone), toInstant: dayStartIn(to, d.period.timeZone) },
              {
                orderChannel: filters.channel,
                category: filters.category,
                reasonCodes: filters.reasonCategory ? reasonCodesOf(filters.reasonCategory).join(',') : undefined,
              },
            ),
          );
        }}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 50, right: 60, top: 40, bottom: 30 },
          xAxis: { type: 'category', data: points.map((p) => p.start.slice(interval === 'month' ? 0 : 5, interval === 'month' ? 7 : 10)) },
          yAxis: [
            { type: 'value', name: t('trend.units') },
            { type: 'value', axisLabel: { formatter: (v: number) => percent(v, 0) } },
          ],
          series: [
            { name: t('trend.returned'), type: 'bar', data: points.map((p) => p.returnedUnits), itemStyle: { color: '#1677ff' } },
            { name: t('trend.previousReturned'), type: 'bar', data: points.map((p) => p.previous?.returnedUnits ?? null), itemStyle: { color: '#bae0ff' } },
            { name: t('trend.rate'), type: 'line', yAxisIndex: 1, smooth: true, data: points.map((p) => p.unitRate), itemStyle: { color: '#fa541c' } },
            {
              name: t('trend.previousRate'),
              type: 'line',
              yAxisIndex: 1,
              smooth: true,
              data: points.map((p) => p.previous?.unitRate ?? null),
              itemStyle: { color: '#ffbb96' },
              lineStyle: { type: 'dashed' },
            },
          ],
        }}
      />
    </Card>
  );
}

export function ReasonsSection({ filters }: { filters: AnalyticsFilters }) {
  const { t } = useTranslation('analytics');
  const navigate = useNavigate();
  const report = useReasonsReport(filters);
  const d = report.data;
  const reasons = d?.reasons ?? [];
  return (
    <Card
      title={t('reasons.title')}
      data-testid="section-reasons"
      extra={<ExportButton path="reasons" params={params(filters)} name="reasons" />}
      loading={report.isLoading}
    >
      <Chart
        testId="chart-reasons"
        height={220}
        onClick={(p) => {
          const category = d?.categories[p.dataIndex];
          if (category && d)
            navigate(
              drillLink(d.period, {
                reasonCodes: reasons
                  .filter((r) => r.category === category.code)
                  .map((r) => r.code)
                  .join(','),
                orderChannel: filters.channel,
                category: filters.category,
              }),
            );
        }}
        option={{
          tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
          color: palette,
          series: [
            {
              type: 'pie',
              radius: ['42%', '66%'],
              // Long English names wrap instead of being cut off at the card's edge.
              label: { formatter: '{b}\n{d}%', width: 90, overflow: 'break' },
              data: (d?.categories ?? []).map((c) => ({ name: t(`reasonCategory.${c.code}`, { defaultValue: c.code }), value: c.returnedUnits })),
            },
          ],
        }}
      />
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={reasons.slice(0, 8)}
        onRow={(r) => ({
          onClick: () => d && navigate(drillLink(d.period, { reasonCodes: r.code, orderChannel: filters.channel, category: filters.category })),
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: t('reasons.reason'), dataIndex: 'label' },
          { title: t('reasons.units'), dataIndex: 'returnedUnits', align: 'right' },
          { title: t('reasons.share'), dataIndex: 'share', align: 'right', render: (s: number) => percent(s) },
          {
            title: t('reasons.change'),
            dataIndex: 'change',
            align: 'right',
            render: (c: number | null) =>
              c === null ? (
                <Tag>{t('reasons.new')}</Tag>
              ) : (
                <Typography.Text type={c > 0.2 ? 'danger' : c < -0.2 ? 'success' : undefined}>{`${c > 0 ? '+' : ''}${percent(c, 0)}`}</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}

const healthColor = { good: 'green', warn: 'orange', bad: 'red', idle: 'default' } as const;

export function ProcessSection({ filters }: { filters: AnalyticsFilters }) {
  const { t } = useTranslation('analytics');
  const { t: tc } = useTranslation('console');
  const labels = useLabels();
  const navigate = useNavigate();
  const report = useProcessHealth({ from: filters.from, to: filters.to });
  const d = report.data;
  const stages = (d?.stages ?? []).filter((s) => s.health !== 'idle');
  return (
    <Card
      title={t('process.title')}
      data-testid="section-process"
      extra={<ExportButton path="process-health" params={{ from: filters.from, to: filters.to }} name="process-health" />}
      loading={report.isLoading}
    >
      <Flex gap={24} wrap style={{ marginBottom: 8 }}>
        <Statistic title={t('process.moneyBack')} value={d?.moneyBack.medianHours != null ? formatHours(d.moneyBack.medianHours, tc) : '—'} />
        <Statistic title={t('process.moneyBackP90')} value={d?.moneyBack.p90Hours != null ? formatHours(d.moneyBack.p90Hours, tc) : '—'} />
        <Statistic title={t('process.overdue')} value={(d?.overdue ?? []).reduce((s, o) => s + o.count, 0)} />
      </Flex>
      <Chart
        testId="chart-process"
        height={240}
        onClick={(p) => {
          const stage = stages[p.dataIndex];
          if (stage) navigate(`/console/returns?stage=${stage.stage}&sort=due`);
        }}
        option={{
          tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : formatHours(Number(v), tc)) },
          legend: { top: 0 },
          grid: { left: 50, right: 20, top: 36, bottom: 44 },
          // Every stage named, wrapped if need be (English names are long).
          xAxis: { type: 'category', data: stages.map((s) => s.name), axisLabel: { interval: 0, width: 84, overflow: 'break', lineHeight: 14 } },
          yAxis: { type: 'value', name: t('process.hours') },
          series: [
            {
              name: t('process.median'),
              type: 'bar',
              data: stages.map((s) => ({
                value: s.medianHours,
                itemStyle: { color: s.health === 'bad' ? '#ff4d4f' : s.health === 'warn' ? '#faad14' : '#52c41a' },
              })),
            },
            { name: t('process.p90'), type: 'bar', data: stages.map((s) => s.p90Hours), itemStyle: { color: '#d9d9d9' } },
            {
              name: t('process.limit'),
              type: 'line',
              step: 'middle',
              data: stages.map((s) => s.timeLimitHours),
              itemStyle: { color: '#595959' },
              lineStyle: { type: 'dashed' },
              symbol: 'none',
            },
          ],
        }}
      />
      <Table
        size="small"
        rowKey={(r) => `${r.stage}-${r.ownerRole}-${r.assignedUserId ?? ''}`}
        pagination={false}
        dataSource={(d?.overdue ?? []).slice(0, 6)}
        onRow={(r) => ({ onClick: () => navigate(`/console/returns?stage=${r.stage}&overdue=true&sort=due`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('process.stage'), dataIndex: 'stage', render: (s: string) => labels.stage(s) },
          { title: t('process.owner'), key: 'owner', render: (_, r) => r.assignedUserName ?? labels.role(r.ownerRole) },
          { title: t('process.overdueCount'), dataIndex: 'count', align: 'right', render: (c: number) => <Tag color="red">{c}</Tag> },
        ]}
      />
      <Flex gap={6} wrap style={{ marginTop: 8 }}>
        {stages.map((s) => (
          <Tag key={s.stage} color={healthColor[s.health]}>
            {s.name}: {t(`health.${s.health}`)}
          </Tag>
        ))}
      </Flex>
    </Card>
  );
}

export function MoneySection({ filters, report, loading }: { filters: AnalyticsFilters; report: MoneyReport | undefined; loading: boolean }) {
  const { t } = useTranslation('analytics');
  const navigate = useNavigate();
  const totals = report?.totals;
  const rows = report?.data ?? [];
  return (
    <Card title={t('money.title')} data-testid="section-money" extra={<ExportButton path="money" params={params(filters)} name="money" />} loading={loading}>
      <Row gutter={12}>
        {(
          [
            ['refunded', totals?.refundedAmount],
            ['storeCredit', totals?.storeCreditAmount],
            ['fees', totals?.feeAmount],
            ['restocked', totals?.restockedValue],
            ['lost', totals?.lostValue],
          ] as const
        ).map(([key, value]) => (
          <Col span={key === 'refunded' ? 8 : 4} key={key}>
            <Statistic title={t(`money.${key}`)} value={yuan(value ?? 0)} styles={{ content: { fontSize: 18 } }} />
          </Col>
        ))}
      </Row>
      <Chart
        testId="chart-money"
        height={230}
        onClick={(p) => {
          const row = rows[p.dataIndex];
          if (row && report) navigate(drillLink(report.period, { productId: row.productId, orderChannel: filters.channel }));
        }}
        option={{
          tooltip: { trigger: 'axis', valueFormatter: (v) => yuan(Number(v)) },
          legend: { top: 0 },
          grid: { left: 120, right: 20, top: 30, bottom: 20 },
          yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name || r.sku), axisLabel: { width: 110, overflow: 'truncate' } },
          xAxis: { type: 'value', axisLabel: { formatter: (v: number) => yuan(v) } },
          series: [
            { name: t('money.cost'), type: 'bar', data: rows.map((r) => r.cost), itemStyle: { color: '#cf1322' } },
            { name: t('money.restocked'), type: 'bar', data: rows.map((r) => r.restockedValue), itemStyle: { color: '#52c41a' } },
            { name: t('money.lost'), type: 'bar', data: rows.map((r) => r.lostValue), itemStyle: { color: '#8c8c8c' } },
          ],
        }}
      />
    </Card>
  );
}

export function CustomersSection({ filters }: { filters: AnalyticsFilters }) {
  const { t } = useTranslation('analytics');
  const navigate = useNavigate();
  const report = useCustomersReport(filters);
  const d = report.data;
  return (
    <Card
      title={t('customers.title')}
      data-testid="section-customers"
      extra={<ExportButton path="customers" params={params(filters)} name="customers" />}
      loading={report.isLoading}
    >
      <Typography.Text type="secondary">
        {t('customers.summary', { average: percent(d?.averageRate, 2), repeat: d?.repeatCount ?? 0, outliers: d?.outlierCount ?? 0 })}
      </Typography.Text>
      <Table<CustomersReport['data'][number]>
        size="small"
        rowKey="customerId"
        pagination={false}
        dataSource={d?.data ?? []}
        onRow={(r) => ({ onClick: () => navigate(`/console/customers/${r.customerId}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('customers.name'), dataIndex: 'name' },
          { title: t('customers.returns'), dataIndex: 'returns', align: 'right' },
          { title: t('customers.units'), key: 'units', align: 'right', render: (_, r) => `${r.returnedUnits} / ${r.soldUnits}` },
          { title: t('customers.rate'), dataIndex: 'unitRate', align: 'right', render: (v: number | null) => percent(v) },
          { title: t('customers.refunded'), dataIndex: 'refundedAmount', align: 'right', render: (v: number) => yuan(v) },
          {
            title: t('customers.flags'),
            key: 'flags',
            render: (_, r) => (
              <Flex gap={4}>
                {r.repeat ? <Tag color="orange">{t('customers.repeat')}</Tag> : null}
                {r.outlier ? <Tag color="red">{t('customers.outlier')}</Tag> : null}
              </Flex>
            ),
          },
          {
            title: '',
            key: 'open',
            render: (_, r) =>
              d ? (
                <Typography.Link
                  onClick={(e) => {
                    e.stopPropagation();
                    navigate(drillLink(d.period, { customerId: r.customerId }));
                  }}
                >
                  {t('customers.returnsLink')}
                </Typography.Link>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
