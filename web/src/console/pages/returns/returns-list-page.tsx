/** All returns: search, filters, and bulk approval of requests for those who review. */
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Popconfirm, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { type ReturnListParams, useConsoleReturns } from '../../api/queries.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ReturnsTable } from '../../components/returns-table.tsx';
import { useQuickApprove } from '../../components/use-quick-approve.ts';
import { useSession } from '../../session/session.tsx';
import { DrillNotice, drillKeys } from '../analytics/drill-notice.tsx';
import { ExportButton } from '../integrations/widgets/export-button.tsx';
import { type ReturnFilters, ReturnsFilterBar } from './returns-filters.tsx';

const filterKeys = ['q', 'status', 'stage', 'ownerRole', 'channel', 'reasonCode', 'from', 'to', 'overdue', 'customerId', 'orderId', ...drillKeys] as const;

export default function ReturnsListPage() {
  const { t } = useTranslation('console');
  const { can } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [selected, setSelected] = useState<string[]>([]);
  const quick = useQuickApprove();

  const filters: ReturnFilters & { customerId?: string; orderId?: string } = Object.fromEntries(
    filterKeys.flatMap((k) => (params.get(k) ? [[k, params.get(k) as string]] : [])),
  );
  const page = Number(params.get('page') ?? '1');
  const pageSize = Number(params.get('pageSize') ?? '20');
  const sort = (params.get('sort') as ReturnListParams['sort'] | null) ?? 'newest';
  const list = useConsoleReturns({ ...filters, page, pageSize, sort });
  const reviewer = can('returns:review');

  const update = (next: Record<string, string | undefined>) => {
    const entries = Object.entries(next).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
    setParams(new URLSearchParams(entries));
    setSelected([]);
  };

  return (
    <div data-testid="page-returns">
      <PageHeader
        title={t('returns.title')}
        subtitle={t('returns.subtitle')}
        extra={
          <>
            {/* The file holds what the list shows: the same filters (and the same scope), every page of it. */}
            <ExportButton list="returns" filters={filters} />
            {can('returns:create') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/console/returns/new')}>
                {t('nav.createReturn')}
              </Button>
            ) : null}
          </>
        }
      />
      <DrillNotice params={params} onClear={(kept) => update(kept)} />
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
        <ReturnsFilterBar value={filters} onChange={(next) => update({ ...next, sort: params.get('sort') ?? undefined })} />
      </Card>
      <Card styles={{ body: { paddingTop: 12 } }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap gap={8}>
          <Flex align="center" gap={12}>
            {reviewer ? (
              <>
                <Typography.Text type="secondary">{t('returns.selected', { count: selected.length })}</Typography.Text>
                <Popconfirm
                  title={t('review.bulkConfirm', { count: selected.length })}
                  onConfirm={() => void quick.approveMany(selected).then(() => setSelected([]))}
                  disabled={selected.length === 0}
                >
                  <Button icon={<CheckOutlined />} type="primary" disabled={selected.length === 0} loading={quick.bulkBusy} data-testid="bulk-approve">
                    {t('review.bulkApprove')}
                  </Button>
                </Popconfirm>
              </>
            ) : null}
          </Flex>
          <Flex align="center" gap={8}>
            <Typography.Text type="secondary">{t('returns.sortBy')}</Typography.Text>
            <Segmented<'newest' | 'oldest' | 'due'>
              value={sort}
              onChange={(s) => update({ ...filters, sort: s })}
              options={(['newest', 'oldest', 'due'] as const).map((s) => ({ value: s, label: t(`returns.sort.${s}`) }))}
            />
          </Flex>
        </Flex>
        <ReturnsTable
          rows={list.data?.data ?? []}
          loading={list.isLoading}
          total={list.data?.total ?? 0}
          moreThanTotal={list.data?.moreThanTotal ?? false}
          page={page}
          pageSize={pageSize}
          now={list.dataUpdatedAt || Date.now()}
          onPage={(p, size) => update({ ...filters, sort, page: String(p), pageSize: String(size) })}
          {...(reviewer ? { selection: { selected, onChange: setSelected } } : {})}
          onQuickApprove={reviewer ? (row) => void quick.approveOne(row) : undefined}
          approving={quick.approving}
        />
      </Card>
    </div>
  );
}
