/**
 * Reconciliation: refunds by day, method and status over a period, the totals that tie to
 * the ledger of money out (with the checks), the Excel export, and the daily close.
 */
import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, LockOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Popconfirm, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { formatDateTime } from '../../components/format.ts';
import { Money } from '../../components/money.tsx';
import { downloadFile, type FinanceCloseView, useCloseDay, useCloses, useReconciliation } from './finance-api.ts';

const dateFormat = 'YYYY-MM-DD';
type Row = { date: string; method: string; status: string; count: number; amount: number };

export function ReconciliationTab({ canClose }: { canClose: boolean }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  // Until a period is picked, the server's week up to the shop's today (its time zone, not the browser's).
  const [picked, setPicked] = useState<[Dayjs, Dayjs] | null>(null);
  const [pickedCloseDate, setCloseDate] = useState<Dayjs | null>(null);
  const [exporting, setExporting] = useState(false);
  const view = useReconciliation(picked ? { from: picked[0].format(dateFormat), to: picked[1].format(dateFormat) } : null);
  const [shopToday, setShopToday] = useState<Dayjs | null>(null);
  useEffect(() => {
    if (view.data && !picked && !shopToday) setShopToday(dayjs(view.data.to));
  }, [view.data, picked, shopToday]);
  const range: [Dayjs, Dayjs] | null = picked ?? (view.data ? [dayjs(view.data.from), dayjs(view.data.to)] : null);
  const period = { from: range?.[0].format(dateFormat) ?? '', to: range?.[1].format(dateFormat) ?? '' };
  const closeDate = pickedCloseDate ?? shopToday ?? dayjs();
  const closes = useCloses();
  const close = useCloseDay();
  const totals = view.data?.totals;
  const closed = new Set(view.data?.closedDates ?? []);

  const exportExcel = async () => {
    setExporting(true);
    try {
      await downloadFile(`finance/reconciliation.xlsx?from=${period.from}&to=${period.to}`, `refunds-${period.from}-${period.to}.xlsx`);
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setExporting(false);
    }
  };
  const closeDay = () => {
    const date = closeDate.format(dateFormat);
    close.mutateAsync(date).then(
      () => message.success(t('recon.closed', { date })),
      (e: unknown) => message.error(errorText(t, e)),
    );
  };

  const stat = (label: string, amount: number | undefined, extra?: string) => (
    <Card size="small">
      <Statistic title={label} value={(amount ?? 0) / 100} precision={2} prefix="¥" />
      {extra ? <Typography.Text type="secondary">{extra}</Typography.Text> : null}
    </Card>
  );

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center" justify="space-between">
        <Flex gap={8} align="center" wrap>
          <Typography.Text>{t('recon.range')}</Typography.Text>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => {
              if (v?.[0] && v[1]) setPicked([v[0], v[1]]);
            }}
            data-testid="recon-range"
          />
          <Button icon={<DownloadOutlined />} loading={exporting} disabled={!range} onClick={() => void exportExcel()} data-testid="recon-export">
            {exporting ? t('recon.exporting') : t('recon.export')}
          </Button>
        </Flex>
        {canClose ? (
          <Flex gap={8} align="center">
            <DatePicker value={closeDate} allowClear={false} onChange={(d) => d && setCloseDate(d)} />
            <Popconfirm
              title={t('recon.closeTitle', { date: closeDate.format(dateFormat) })}
              description={<div style={{ maxWidth: 280 }}>{t('recon.closeHint')}</div>}
              onConfirm={closeDay}
            >
              <Button type="primary" icon={<LockOutlined />} loading={close.isPending} data-testid="close-day">
                {t('recon.closeDay')}
              </Button>
            </Popconfirm>
          </Flex>
        ) : null}
      </Flex>

      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))', gap: 12 }} data-testid="recon-totals">
        {stat(t('recon.paid'), totals?.paid, t('recon.count', { count: totals?.paidCount ?? 0 }))}
        {stat(t('recon.moneyOut'), totals?.moneyOut)}
        {stat(t('recon.credited'), totals?.creditedRefunds)}
        {stat(t('recon.issued'), totals?.storeCreditIssued)}
        {stat(t('recon.spent'), totals?.storeCreditSpent)}
        {stat(t('recon.pending'), totals?.pending, t('recon.count', { count: totals?.pendingCount ?? 0 }))}
        {stat(t('recon.rejected'), totals?.rejected, t('recon.count', { count: totals?.rejectedCount ?? 0 }))}
      </div>

      <Card size="small" title={t('recon.checks')}>
        <Flex gap={16} wrap data-testid="recon-checks">
          {(view.data?.checks ?? []).map((c) => (
            <Flex key={c.code} gap={6} align="center">
              {c.ok ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} />}
              <Typography.Text>{t(`recon.check.${c.code}`)}</Typography.Text>
              <Tag color={c.ok ? 'green' : 'red'}>{c.ok ? t('recon.ok') : t('recon.mismatch')}</Tag>
            </Flex>
          ))}
        </Flex>
      </Card>

      <Table<Row>
        size="small"
        rowKey={(r) => `${r.date}|${r.method}|${r.status}`}
        loading={view.isFetching && !view.data}
        dataSource={view.data?.rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('recon.empty') }}
        data-testid="recon-rows"
        columns={[
          {
            title: t('recon.date'),
            dataIndex: 'date',
            render: (d: string) => (
              <Flex gap={6}>
                {d}
                {closed.has(d) ? <Tag icon={<LockOutlined />}>{t('recon.closedTag')}</Tag> : null}
              </Flex>
            ),
          },
          { title: t('recon.method'), dataIndex: 'method', render: (m: string) => t(`method.${m}`, { defaultValue: m }) },
          { title: t('recon.status'), dataIndex: 'status', render: (s: string) => t(`status.${s}`, { defaultValue: s }) },
          { title: t('recon.count'), dataIndex: 'count', align: 'right' },
          { title: t('recon.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => <Money amount={v} /> },
        ]}
      />

      <Card size="small" title={t('recon.closes')}>
        <Table<FinanceCloseView>
          size="small"
          rowKey="date"
          loading={closes.isLoading}
          dataSource={closes.data?.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid="recon-closes"
          columns={[
            { title: t('recon.date'), dataIndex: 'date' },
            { title: t('recon.paid'), key: 'paid', align: 'right', render: (_, c) => <Money amount={c.totals.paid} /> },
            {
              title: t('recon.checks'),
              key: 'checks',
              render: (_, c) => (c.checks.every((x) => x.ok) ? <Tag color="green">{t('recon.ok')}</Tag> : <Tag color="red">{t('recon.mismatch')}</Tag>),
            },
            {
              title: t('recon.flagged'),
              key: 'flagged',
              render: (_, c) =>
                c.flagged.length > 0 ? <Tag color="orange">{t('recon.flaggedCount', { count: c.flagged.length })}</Tag> : <Tag>{t('recon.noFlags')}</Tag>,
            },
            { title: t('recon.closedBy'), key: 'by', render: (_, c) => c.closedBy.name ?? c.closedBy.kind },
            { title: t('recon.closedAt'), dataIndex: 'closedAt', render: (at: string) => formatDateTime(at) },
          ]}
        />
      </Card>
    </Flex>
  );
}
