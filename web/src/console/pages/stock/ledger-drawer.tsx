/** The ledger behind a stock level: every movement in or out, with its source document. */
import { ArrowRightOutlined } from '@ant-design/icons';
import { Drawer, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LedgerRow } from '../../api/console-types.ts';
import { useLedger } from '../../api/queries.ts';
import { formatDateTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.ts';

export type LedgerTarget = { sku: string; name: string; location?: string | undefined };

export function LedgerDrawer({ target, onClose }: { target: LedgerTarget | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('console');
  const labels = useLabels();
  const [page, setPage] = useState(1);
  const ledger = useLedger({ page, pageSize: 20, sku: target?.sku, location: target?.location }, target !== null);

  const signed = (row: LedgerRow) => {
    if (!target?.location) return row.quantity;
    return row.toLocation === target.location ? row.quantity : -row.quantity;
  };

  return (
    <Drawer
      open={target !== null}
      onClose={() => {
        setPage(1);
        onClose();
      }}
      size={760}
      title={
        target ? t('stock.ledgerTitle', { name: target.name, location: target.location ? labels.location(target.location) : t('stock.allLocations') }) : ''
      }
      destroyOnHidden
    >
      <Table<LedgerRow>
        rowKey="id"
        size="small"
        loading={ledger.isLoading}
        dataSource={ledger.data?.data ?? []}
        data-testid="ledger-table"
        pagination={{ current: page, pageSize: 20, total: ledger.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('stock.at'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v, i18n.language) },
          {
            title: t('stock.type'),
            dataIndex: 'type',
            width: 110,
            render: (v: string) => <Tag style={{ marginInlineEnd: 0 }}>{t(`movement.${v}`, { defaultValue: v })}</Tag>,
          },
          {
            title: t('stock.move'),
            key: 'move',
            render: (_, row) => (
              <Typography.Text style={{ fontSize: 12 }}>
                {labels.location(row.fromLocation)} <ArrowRightOutlined /> {labels.location(row.toLocation)}
              </Typography.Text>
            ),
          },
          {
            title: t('stock.quantity'),
            key: 'qty',
            width: 70,
            align: 'right',
            render: (_, row) => {
              const q = signed(row);
              return (
                <Typography.Text strong type={q < 0 ? 'danger' : 'success'}>
                  {q > 0 && target?.location ? `+${q}` : q}
                </Typography.Text>
              );
            },
          },
          {
            title: t('stock.source'),
            key: 'source',
            width: 170,
            render: (_, row) =>
              row.sourceType === 'return' ? (
                <Link to={`/console/returns/${row.sourceId}`}>{row.sourceNumber ?? row.sourceId}</Link>
              ) : (
                <Typography.Text>
                  {t(`source.${row.sourceType}`, { defaultValue: row.sourceType })} {row.sourceNumber ?? ''}
                </Typography.Text>
              ),
          },
          {
            title: t('stock.by'),
            key: 'by',
            width: 110,
            render: (_, row) => (
              <div>
                <div>{row.actorName ?? t('actor.system')}</div>
                {row.reason ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {/^grade [A-D]$/.test(row.reason) ? t('stock.gradeReason', { grade: row.reason.slice(-1) }) : row.reason}
                  </Typography.Text>
                ) : null}
              </div>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
