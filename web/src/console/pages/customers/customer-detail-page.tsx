/** One customer: contact, return rate against the average, store credit, and their orders, returns and refunds. */
import { ArrowLeftOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { OrderView } from '../../../api/types.ts';
import { useConsoleReturns, useCustomer, useCustomerInsight, useOrdersOfCustomer } from '../../api/queries.ts';
import { formatDate, formatDateTime, formatRate } from '../../components/format.ts';
import { useLabels } from '../../components/labels.ts';
import { Money } from '../../components/money.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ReturnsTable } from '../../components/returns-table.tsx';
import { RefundStatusTag } from '../../components/status-tag.tsx';
import { NoticePreferences } from '../integrations/widgets/notice-preferences.tsx';

export default function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('console');
  const labels = useLabels();
  const navigate = useNavigate();
  const customer = useCustomer(id);
  const insight = useCustomerInsight(id);
  const orders = useOrdersOfCustomer(id);
  const [page, setPage] = useState(1);
  const returns = useConsoleReturns({ customerId: id, page, pageSize: 10, sort: 'newest' });

  if (!customer.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const c = customer.data;
  const stats = insight.data?.stats;

  return (
    <div data-testid="page-customer">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0, marginBottom: 4 }}>
        {t('common:actions.back')}
      </Button>
      <PageHeader
        title={c.name}
        tags={
          stats?.flagged ? (
            <Tag color="red" icon={<WarningOutlined />}>
              {t('customers.flagged')}
            </Tag>
          ) : null
        }
        subtitle={t('customers.since', { date: formatDate(c.createdAt, i18n.language) })}
      />
      {stats?.flagged ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('customers.flagExplain', { rate: formatRate(stats.returnRate), average: formatRate(insight.data?.averageReturnRate) })}
        />
      ) : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('customers.contact')} style={{ height: '100%' }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('customers.phone')}>{c.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('customers.email')}>{c.email ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('customers.tier')}>{t(`tier.${c.tier}`, { defaultValue: c.tier })}</Descriptions.Item>
            </Descriptions>
            <NoticePreferences customerId={c.id} />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" style={{ height: '100%' }}>
            <Row gutter={16}>
              <Col span={6}>
                <Statistic title={t('customers.orders')} value={stats?.orders ?? 0} />
              </Col>
              <Col span={6}>
                <Statistic
                  title={t('customers.returnRate')}
                  value={formatRate(stats?.returnRate)}
                  styles={{ content: { color: stats?.flagged ? '#cf1322' : undefined } }}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('customers.averageShort', { rate: formatRate(insight.data?.averageReturnRate) })}
                </Typography.Text>
              </Col>
              <Col span={6}>
                <Statistic title={t('customers.refunded')} value={(c.returnStats.refundedAmount / 100).toFixed(2)} prefix="¥" />
              </Col>
              <Col span={6}>
                <Statistic title={t('customers.storeCredit')} value={(c.storeCreditBalance / 100).toFixed(2)} prefix="¥" />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          items={[
            {
              key: 'returns',
              label: t('customers.tabReturns', { count: returns.data?.total ?? 0 }),
              children: (
                <ReturnsTable
                  rows={returns.data?.data ?? []}
                  loading={returns.isLoading}
                  total={returns.data?.total ?? 0}
                  page={page}
                  pageSize={10}
                  now={returns.dataUpdatedAt || Date.now()}
                  onPage={(p) => setPage(p)}
                  hideCustomer
                />
              ),
            },
            {
              key: 'orders',
              label: t('customers.tabOrders', { count: orders.data?.data.length ?? 0 }),
              children: (
                <Table<OrderView>
                  rowKey="id"
                  size="small"
                  loading={orders.isLoading}
                  dataSource={orders.data?.data ?? []}
                  pagination={{ pageSize: 10 }}
                  columns={[
                    { title: t('order.number'), dataIndex: 'number' },
                    { title: t('order.channel'), dataIndex: 'channel', render: (v: string) => labels.channel(v) },
                    { title: t('order.placedAt'), dataIndex: 'placedAt', render: (v: string) => formatDate(v, i18n.language) },
                    { title: t('order.deliveredAt'), dataIndex: 'deliveredAt', render: (v: string | null) => formatDate(v, i18n.language) },
                    {
                      title: t('create.items'),
                      key: 'items',
                      ellipsis: true,
                      render: (_, o) => o.lines.map((l) => `${l.name}×${l.quantity}`).join(t('sep.list')),
                    },
                    { title: t('order.paid'), key: 'total', align: 'right', render: (_, o) => <Money amount={o.totalAmount} currency={o.currency} /> },
                  ]}
                />
              ),
            },
            {
              key: 'refunds',
              label: t('customers.tabRefunds', { count: insight.data?.refunds.length ?? 0 }),
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  loading={insight.isLoading}
                  dataSource={insight.data?.refunds ?? []}
                  pagination={{ pageSize: 10 }}
                  columns={[
                    { title: t('refund.number'), dataIndex: 'number' },
                    {
                      title: t('returns.col.number'),
                      key: 'return',
                      render: (_, r) => <Link to={`/console/returns/${r.returnId}`}>{r.returnNumber}</Link>,
                    },
                    { title: t('refund.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => <Money amount={v} /> },
                    { title: t('refund.method'), dataIndex: 'method', render: (m: string) => t(`refund.methods.${m}.label`) },
                    { title: t('refund.status'), dataIndex: 'status', render: (s: string) => <RefundStatusTag status={s} /> },
                    { title: t('refund.at'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, i18n.language) },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
      <Flex style={{ height: 8 }} />
    </div>
  );
}
