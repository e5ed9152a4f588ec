/**
 * An exchange on its return page: the replacement (held from stock or not), the price
 * difference and how it is settled, the replacement order once shipped; customer service
 * changes the replacement (another size or colour) or turns the exchange into a refund.
 */

import type { ExchangeView } from '@server/modules/exchanges/exchanges.schema.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnView } from '../../../api/types.ts';
import { api, errorText } from '../../api/client.ts';
import { liveInterval } from '../../api/queries.ts';
import { formatDateTime } from '../../components/format.ts';
import { Money } from '../../components/money.tsx';
import { useSession } from '../../session/session.tsx';

const statusColors: Record<string, string> = { reserved: 'green', shipped: 'blue', short: 'red', untracked: 'default', chosen: 'gold', released: 'default' };

export function ExchangeCard({ ret }: { ret: ReturnView }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const { can } = useSession();
  const client = useQueryClient();
  const [choice, setChoice] = useState<string | null>(null);
  const exchange = useQuery({
    queryKey: ['returns', 'exchange', ret.id],
    queryFn: ({ signal }) => api.get<ExchangeView>(`returns/${ret.id}/exchange`, signal),
    refetchInterval: liveInterval,
    retry: false,
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['returns'] });
  const change = useMutation({
    mutationFn: (sku: string) =>
      api.put<ExchangeView>(`returns/${ret.id}/exchange`, { lines: [{ sku, quantity: ret.lines.reduce((s, l) => s + l.quantity, 0) }] }),
    onSuccess: refresh,
  });
  const fallback = useMutation({
    mutationFn: (resolution: 'refund' | 'store_credit') => api.post(`returns/${ret.id}/exchange/fallback`, { resolution }),
    onSuccess: refresh,
  });
  const x = exchange.data;
  if (!x) return null;
  const open = x.status === 'open' && !['closed', 'rejected', 'cancelled', 'resolved'].includes(ret.status);
  const manage = open && can('returns:review');
  const act = (p: Promise<unknown>) =>
    p.then(
      () => message.success(t('exchange.saved')),
      (e: unknown) => message.error(errorText(t, e)),
    );

  return (
    <Card
      size="small"
      title={t('exchange.title')}
      data-testid="exchange-card"
      extra={<Tag color={x.status === 'shipped' ? 'blue' : 'gold'}>{t(`exchange.status.${x.status}`)}</Tag>}
    >
      {x.outOfStock ? (
        <Typography.Paragraph type="danger" style={{ marginBottom: 8 }}>
          {t('exchange.outOfStock')}
        </Typography.Paragraph>
      ) : null}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={x.lines}
        columns={[
          {
            title: t('exchange.replacement'),
            key: 'item',
            render: (_, l) => (
              <Flex vertical>
                <span>{l.name}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {l.sku}
                  {l.variantLabel ? ` · ${l.variantLabel}` : ''}
                </Typography.Text>
              </Flex>
            ),
          },
          { title: t('breakdown.units'), dataIndex: 'quantity', align: 'center', width: 60 },
          { title: t('exchange.price'), dataIndex: 'unitPrice', align: 'right', render: (v: number) => <Money amount={v} currency={ret.currency} /> },
          {
            title: t('exchange.stock'),
            key: 'stock',
            render: (_, l) => (
              <Flex gap={4} wrap>
                <Tag color={statusColors[l.status] ?? 'default'}>{t(`exchange.line.${l.status}`, { defaultValue: l.status })}</Tag>
                {l.available !== null ? <Typography.Text type="secondary">{t('exchange.available', { count: l.available })}</Typography.Text> : null}
              </Flex>
            ),
          },
        ]}
      />
      <Descriptions size="small" column={{ xs: 1, sm: 3 }} style={{ marginTop: 8 }}>
        <Descriptions.Item label={t('exchange.returnedValue')}>
          <Money amount={x.returnedValue} currency={ret.currency} />
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange.replacementValue')}>
          <Money amount={x.replacementValue} currency={ret.currency} />
        </Descriptions.Item>
        <Descriptions.Item label={x.difference > 0 ? t('exchange.charge') : t('exchange.refundDifference')}>
          <Money amount={Math.abs(x.difference)} currency={ret.currency} strong type={x.difference === 0 ? 'secondary' : undefined} />
        </Descriptions.Item>
        {x.replacementOrder ? (
          <Descriptions.Item label={t('exchange.order')}>
            {x.replacementOrder.number} · {x.carrier} {x.trackingNumber} · {formatDateTime(x.shippedAt)}
          </Descriptions.Item>
        ) : null}
        {!x.replacementOrder && x.shipsBeforeReturn ? (
          <Descriptions.Item label={t('exchange.trusted')}>{t('exchange.shipsBeforeReturn')}</Descriptions.Item>
        ) : null}
      </Descriptions>
      {manage ? (
        <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
          {x.alternatives.length > 0 ? (
            <>
              <Select
                style={{ minWidth: 240 }}
                placeholder={t('exchange.choose')}
                value={choice}
                onChange={setChoice}
                options={x.alternatives.map((a) => ({
                  value: a.sku,
                  label: `${a.variantLabel ?? a.sku} · ${a.name}${a.available !== null ? ` (${t('exchange.available', { count: a.available })})` : ''}`,
                }))}
                data-testid="exchange-choice"
              />
              <Button disabled={!choice} loading={change.isPending} onClick={() => choice && void act(change.mutateAsync(choice))}>
                {t('exchange.change')}
              </Button>
            </>
          ) : null}
          <Popconfirm title={t('exchange.fallbackConfirm')} onConfirm={() => void act(fallback.mutateAsync('refund'))}>
            <Button danger={x.outOfStock}>{t('exchange.toRefund')}</Button>
          </Popconfirm>
          <Popconfirm title={t('exchange.fallbackConfirm')} onConfirm={() => void act(fallback.mutateAsync('store_credit'))}>
            <Button>{t('exchange.toCredit')}</Button>
          </Popconfirm>
        </Flex>
      ) : null}
    </Card>
  );
}
