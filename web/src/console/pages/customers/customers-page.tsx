/** Customers (CRM): search, and each one's orders, returns and return rate against the shop's average. */
import { WarningOutlined } from '@ant-design/icons';
import { Card, Flex, Input, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ConsoleCustomerRow } from '../../api/console-types.ts';
import { useCustomers } from '../../api/queries.ts';
import { formatRate } from '../../components/format.ts';
import { Money } from '../../components/money.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ExportButton } from '../integrations/widgets/export-button.tsx';

export default function CustomersPage() {
  const { t } = useTranslation('console');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? undefined;
  const page = Number(params.get('page') ?? '1');
  const pageSize = Number(params.get('pageSize') ?? '20');
  const list = useCustomers({ page, pageSize, q });
  const average = list.data?.averageReturnRate ?? null;

  return (
    <div data-testid="page-customers">
      <PageHeader
        title={t('customers.title')}
        subtitle={t('customers.subtitle', { rate: formatRate(average) })}
        extra={
          <>
            <Input.Search
              allowClear
              defaultValue={q}
              placeholder={t('customers.searchPlaceholder')}
              onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})}
              style={{ width: 320 }}
              data-testid="customer-search"
            />
            <ExportButton list="customers" filters={{ q }} />
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 8 } }}>
        <Table<ConsoleCustomerRow>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.data ?? []}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('customers.total', { count: total }),
            onChange: (p, size) => setParams({ ...(q ? { q } : {}), page: String(p), pageSize: String(size) }),
          }}
          columns={[
            {
              title: t('customers.name'),
              key: 'name',
              render: (_, c) => (
                <Flex align="center" gap={8} wrap>
                  <Link to={`/console/customers/${c.id}`} style={{ fontWeight: 600 }}>
                    {c.name}
                  </Link>
                  {c.flagged ? (
                    <Tag color="red" icon={<WarningOutlined />} style={{ marginInlineEnd: 0 }}>
                      {t('customers.flagged')}
                    </Tag>
                  ) : null}
                  {c.tier !== 'standard' ? (
                    <Tag color="gold" style={{ marginInlineEnd: 0 }}>
                      {t(`tier.${c.tier}`, { defaultValue: c.tier })}
                    </Tag>
                  ) : null}
                </Flex>
              ),
            },
            {
              title: t('customers.contact'),
              key: 'contact',
              render: (_, c) => (
                <div>
                  <div>{c.phone ?? '—'}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.email ?? ''}
                  </Typography.Text>
                </div>
              ),
            },
            { title: t('customers.orders'), dataIndex: 'orders', width: 80, align: 'center' },
            { title: t('customers.bought'), dataIndex: 'soldUnits', width: 90, align: 'center' },
            { title: t('customers.returnedUnits'), dataIndex: 'returnedUnits', width: 90, align: 'center' },
            {
              title: t('customers.returnRate'),
              key: 'rate',
              width: 110,
              align: 'center',
              sorter: (a, b) => (a.returnRate ?? 0) - (b.returnRate ?? 0),
              render: (_, c) => (
                <Typography.Text type={c.flagged ? 'danger' : undefined} strong={c.flagged}>
                  {formatRate(c.returnRate)}
                </Typography.Text>
              ),
            },
            { title: t('customers.refunded'), dataIndex: 'refundedAmount', width: 120, align: 'right', render: (v: number) => <Money amount={v} /> },
          ]}
        />
      </Card>
    </div>
  );
}
