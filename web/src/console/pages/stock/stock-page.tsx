/** Products and stock per location, the returns zone (退货专区) kept apart; any level opens its ledger. */
import { AppstoreOutlined, InboxOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Input, Row, Statistic, Switch, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { StockProductRow } from '../../api/console-types.ts';
import { useStock } from '../../api/queries.ts';
import { formatRate } from '../../components/format.ts';
import { useLabels } from '../../components/labels.ts';
import { Money } from '../../components/money.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ExportButton } from '../integrations/widgets/export-button.tsx';
import { LedgerDrawer, type LedgerTarget } from './ledger-drawer.tsx';

const locationIcons: Record<string, ReactNode> = {
  MAIN: <AppstoreOutlined style={{ color: '#1677ff' }} />,
  RETURNS: <InboxOutlined style={{ color: '#fa8c16' }} />,
  DAMAGED: <StopOutlined style={{ color: '#8c8c8c' }} />,
};

export default function StockPage() {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? undefined;
  const location = params.get('location') ?? undefined;
  const page = Number(params.get('page') ?? '1');
  const pageSize = Number(params.get('pageSize') ?? '20');
  const stock = useStock({ page, pageSize, q, location });
  const [ledger, setLedger] = useState<LedgerTarget | null>(null);
  const rank = (code: string) => ['MAIN', 'RETURNS', 'DAMAGED'].indexOf(code) + 1 || 99;
  const locations = [...(stock.data?.locations ?? [])].sort((a, b) => rank(a.code) - rank(b.code));
  const otherCodes = locations.map((l) => l.code).filter((c) => c !== 'MAIN' && c !== 'RETURNS');
  const set = (patch: Record<string, string | undefined>) => {
    const next = { q, location, ...patch };
    setParams(Object.fromEntries(Object.entries(next).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')));
  };

  const level = (row: StockProductRow, code: string) => {
    const value = row.levels[code] ?? 0;
    return (
      <Button
        type="link"
        size="small"
        style={{ paddingInline: 4, fontWeight: code === 'RETURNS' && value > 0 ? 600 : undefined }}
        onClick={() => setLedger({ sku: row.sku, name: row.name, location: code })}
        data-testid={`level-${row.sku}-${code}`}
      >
        {value}
      </Button>
    );
  };

  return (
    <div data-testid="page-stock">
      <PageHeader
        title={t('stock.title')}
        subtitle={t('stock.subtitle')}
        extra={
          <Flex gap={12} align="center" wrap>
            <Flex gap={6} align="center">
              <Switch size="small" checked={location === 'RETURNS'} onChange={(on) => set({ location: on ? 'RETURNS' : undefined, page: undefined })} />
              <Typography.Text>{t('stock.onlyReturnsZone')}</Typography.Text>
            </Flex>
            <Input.Search
              allowClear
              defaultValue={q}
              placeholder={t('stock.searchPlaceholder')}
              onSearch={(v) => set({ q: v.trim() || undefined })}
              style={{ width: 260 }}
            />
            <ExportButton list="stock" filters={{ q, location }} />
          </Flex>
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {locations.map((l) => (
          <Col key={l.code} xs={24} sm={12} lg={8}>
            <Card
              size="small"
              className={l.code === 'RETURNS' ? 'rf-returns-zone' : undefined}
              style={l.code === 'RETURNS' ? { borderColor: '#ffd591' } : undefined}
            >
              <Flex justify="space-between" align="center">
                <Statistic
                  title={
                    <Flex gap={6} align="center">
                      {locationIcons[l.code]}
                      {labels.location(l.code)}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {l.code}
                      </Typography.Text>
                    </Flex>
                  }
                  value={l.onHand}
                  suffix={t('stock.units')}
                />
                <Typography.Text type="secondary" style={{ maxWidth: 180, fontSize: 12, textAlign: 'right' }}>
                  {t(`stock.locationHint.${l.code}`, { defaultValue: '' })}
                </Typography.Text>
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
      <Card styles={{ body: { paddingTop: 8 } }}>
        <Table<StockProductRow>
          rowKey="productId"
          size="middle"
          loading={stock.isLoading}
          dataSource={stock.data?.data ?? []}
          scroll={{ x: 980 }}
          pagination={{
            current: page,
            pageSize,
            total: stock.data?.total ?? 0,
            showTotal: (total) => t('stock.total', { count: total }),
            onChange: (p, size) => set({ page: String(p), pageSize: String(size) }),
          }}
          columns={[
            {
              title: t('stock.product'),
              key: 'product',
              render: (_, row) => (
                <div>
                  <Button type="link" style={{ padding: 0, height: 'auto', fontWeight: 600 }} onClick={() => setLedger({ sku: row.sku, name: row.name })}>
                    {row.name}
                  </Button>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {row.sku} · {row.category}
                    {row.returnable ? null : (
                      <Tag color="default" style={{ marginInlineStart: 6 }}>
                        {t('stock.notReturnable')}
                      </Tag>
                    )}
                  </Typography.Text>
                </div>
              ),
            },
            { title: t('stock.price'), dataIndex: 'price', width: 100, align: 'right', render: (v: number) => <Money amount={v} /> },
            { title: labels.location('MAIN'), key: 'MAIN', width: 100, align: 'center', render: (_, row) => level(row, 'MAIN') },
            {
              title: (
                <Flex gap={4} align="center" justify="center">
                  <InboxOutlined style={{ color: '#fa8c16' }} />
                  {labels.location('RETURNS')}
                </Flex>
              ),
              key: 'RETURNS',
              width: 120,
              align: 'center',
              className: 'rf-returns-zone',
              render: (_, row) => level(row, 'RETURNS'),
            },
            ...otherCodes.map((code) => ({
              title: labels.location(code),
              key: code,
              width: 100,
              align: 'center' as const,
              render: (_: unknown, row: StockProductRow) => level(row, code),
            })),
            { title: t('stock.sold'), dataIndex: 'soldUnits', width: 80, align: 'center' },
            { title: t('stock.returned'), dataIndex: 'returnedUnits', width: 80, align: 'center' },
            {
              title: t('stock.returnRate'),
              key: 'rate',
              width: 96,
              align: 'center',
              render: (_, row) => (
                <Typography.Text type={row.returnRate !== null && row.returnRate >= 0.2 ? 'danger' : undefined}>{formatRate(row.returnRate)}</Typography.Text>
              ),
            },
          ]}
        />
      </Card>
      <LedgerDrawer target={ledger} onClose={() => setLedger(null)} />
    </div>
  );
}
