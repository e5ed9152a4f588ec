/** The returns dashboard: which products come back, why and since when; trend, reasons, process health, money, customers. */
import { Alert, Card, Col, DatePicker, Flex, Row, Segmented, Select, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useLabels } from '../../components/labels.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { type AnalyticsFilters, useMoneyReport, useRateReport } from './analytics-api.ts';
import { percent, yuan } from './chart.tsx';
import { CustomersSection, MoneySection, ProcessSection, ReasonsSection, TrendSection } from './insight-sections.tsx';
import { BreakdownSection, ProductsSection } from './product-sections.tsx';

const channels = ['tmall', 'jd', 'douyin', 'pdd', 'wechat'];
const reasonCategories = ['quality', 'changed_mind', 'wrong_item', 'transit_damage', 'description', 'size_fit', 'other'];

function useFilters(): [AnalyticsFilters, (patch: Partial<AnalyticsFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? dayjs().add(1, 'day').format('YYYY-MM-DD');
  const from = params.get('from') ?? dayjs(to).subtract(30, 'day').format('YYYY-MM-DD');
  const filters: AnalyticsFilters = {
    from,
    to,
    channel: params.get('channel') ?? undefined,
    category: params.get('category') ?? undefined,
    reasonCategory: params.get('reasonCategory') ?? undefined,
  };
  const update = (patch: Partial<AnalyticsFilters>) => {
    const next = { ...filters, ...patch };
    setParams(new URLSearchParams(Object.entries(next).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')), { replace: true });
  };
  return [filters, update];
}

function FilterBar({ filters, onChange, categories }: { filters: AnalyticsFilters; onChange: (p: Partial<AnalyticsFilters>) => void; categories: string[] }) {
  const { t } = useTranslation('analytics');
  const labels = useLabels();
  const days = dayjs(filters.to).diff(dayjs(filters.from), 'day');
  const preset = [7, 30, 90, 365].includes(days) && filters.to === dayjs().add(1, 'day').format('YYYY-MM-DD') ? String(days) : 'custom';
  return (
    <Flex gap={10} wrap align="center" data-testid="analytics-filters">
      <Segmented
        value={preset}
        onChange={(v) => {
          if (v === 'custom') return;
          const to = dayjs().add(1, 'day');
          onChange({ to: to.format('YYYY-MM-DD'), from: to.subtract(Number(v), 'day').format('YYYY-MM-DD') });
        }}
        options={[
          { value: '7', label: t('period.days', { count: 7 }) },
          { value: '30', label: t('period.days', { count: 30 }) },
          { value: '90', label: t('period.days', { count: 90 }) },
          { value: '365', label: t('period.year') },
          { value: 'custom', label: t('period.custom'), disabled: true },
        ]}
      />
      <DatePicker.RangePicker
        allowClear={false}
        value={[dayjs(filters.from), dayjs(filters.to).subtract(1, 'day')]}
        onChange={(range) => {
          if (range?.[0] && range[1]) onChange({ from: range[0].format('YYYY-MM-DD'), to: range[1].add(1, 'day').format('YYYY-MM-DD') });
        }}
      />
      <Select
        allowClear
        placeholder={t('filter.channel')}
        style={{ width: 140 }}
        value={filters.channel}
        onChange={(v?: string) => onChange({ channel: v })}
        options={channels.map((c) => ({ value: c, label: labels.channel(c) }))}
      />
      <Select
        allowClear
        showSearch
        placeholder={t('filter.category')}
        style={{ width: 150 }}
        value={filters.category}
        onChange={(v?: string) => onChange({ category: v })}
        options={categories.map((c) => ({ value: c, label: c }))}
      />
      <Select
        allowClear
        placeholder={t('filter.reasonCategory')}
        style={{ width: 160 }}
        value={filters.reasonCategory}
        onChange={(v?: string) => onChange({ reasonCategory: v })}
        options={reasonCategories.map((c) => ({ value: c, label: t(`reasonCategory.${c}`, { defaultValue: c }) }))}
      />
    </Flex>
  );
}

export default function AnalyticsPage() {
  const { t } = useTranslation('analytics');
  const [filters, setFilters] = useFilters();
  const rate = useRateReport(filters, 'product', { limit: 10 });
  const categories = useRateReport({ from: filters.from, to: filters.to }, 'category', { limit: 100 });
  const money = useMoneyReport(filters);
  const totals = rate.data?.totals;
  const facts = rate.data?.facts;
  const kpis = [
    {
      key: 'unitRate',
      title: t('kpi.unitRate'),
      value: percent(totals?.unitRate, 2),
      hint: t('kpi.units', { returned: totals?.returnedUnits ?? 0, sold: totals?.soldUnits ?? 0 }),
    },
    { key: 'valueRate', title: t('kpi.valueRate'), value: percent(totals?.valueRate, 2), hint: t('kpi.value', { returned: yuan(totals?.returnedValue ?? 0) }) },
    {
      key: 'returns',
      title: t('kpi.returns'),
      value: (totals?.returns ?? 0).toLocaleString(),
      hint: t('kpi.refunded', { amount: yuan(totals?.refundedAmount ?? 0) }),
    },
    { key: 'cost', title: t('kpi.cost'), value: yuan(money.data?.totals.cost ?? 0), hint: t('kpi.lost', { amount: yuan(money.data?.totals.lostValue ?? 0) }) },
  ];
  return (
    <div data-testid="page-analytics">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        tags={facts && facts.status !== 'ready' ? <Tag color="orange">{t('facts.rebuilding')}</Tag> : null}
        extra={<FilterBar filters={filters} onChange={setFilters} categories={(categories.data?.data ?? []).map((c) => c.key)} />}
      />
      {rate.error ? <Alert type="error" showIcon title={t('error')} style={{ marginBottom: 16 }} /> : null}
      <Row gutter={[16, 16]}>
        {kpis.map((k) => (
          <Col xs={12} lg={6} key={k.key}>
            <Card size="small" loading={rate.isLoading} data-testid={`kpi-${k.key}`}>
              <Statistic title={k.title} value={k.value} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {k.hint}
              </Typography.Text>
            </Card>
          </Col>
        ))}
        <Col xs={24} xl={14}>
          <ProductsSection filters={filters} report={rate.data} loading={rate.isLoading} />
        </Col>
        <Col xs={24} xl={10}>
          <ReasonsSection filters={filters} />
        </Col>
        <Col xs={24}>
          <TrendSection filters={filters} />
        </Col>
        <Col xs={24}>
          <BreakdownSection filters={filters} />
        </Col>
        <Col xs={24} xl={12}>
          <ProcessSection filters={filters} />
        </Col>
        <Col xs={24} xl={12}>
          <MoneySection filters={filters} report={money.data} loading={money.isLoading} />
        </Col>
        <Col xs={24}>
          <CustomersSection filters={filters} />
        </Col>
      </Row>
    </div>
  );
}
