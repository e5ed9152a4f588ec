/** Receiving a parcel: quantities still due are filled in; lower them for a partial receipt. Units go to the returns zone. */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, InputNumber, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnLine, ReturnView } from '../../../api/types.ts';
import { useLabels } from '../../components/labels.ts';

export type ReceivePanelProps = { ret: ReturnView; busy: boolean; onCancel: () => void; onSubmit: (lines: { lineId: string; quantity: number }[]) => void };

export function ReceivePanel({ ret, busy, onCancel, onSubmit }: ReceivePanelProps) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const due = (line: ReturnLine) => Math.max(0, line.quantity - line.receivedQuantity);
  const [quantities, setQuantities] = useState<Record<string, number>>(() => Object.fromEntries(ret.lines.map((l) => [l.id, due(l)])));
  const total = Object.values(quantities).reduce((s, q) => s + q, 0);
  const dueTotal = ret.lines.reduce((s, l) => s + due(l), 0);
  const partial = total > 0 && total < dueTotal;

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <InboxOutlined style={{ color: '#1677ff' }} />
          {t('receive.title')}
        </Flex>
      }
      style={{ borderColor: '#91caff', boxShadow: '0 0 0 2px rgba(22,119,255,0.08)' }}
      data-testid="receive-panel"
    >
      <Alert type="info" showIcon title={t('receive.hint', { location: labels.location('RETURNS') })} style={{ marginBottom: 12 }} />
      <Table<ReturnLine>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={ret.lines.filter((l) => due(l) > 0)}
        columns={[
          {
            title: t('lines.item'),
            key: 'item',
            render: (_, l) => (
              <div>
                <Typography.Text strong>{l.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {l.sku}
                </Typography.Text>
              </div>
            ),
          },
          { title: t('lines.requested'), dataIndex: 'quantity', width: 80, align: 'center' },
          { title: t('lines.received'), dataIndex: 'receivedQuantity', width: 80, align: 'center' },
          {
            title: t('receive.now'),
            key: 'now',
            width: 140,
            render: (_, l) => (
              <InputNumber
                min={0}
                max={due(l)}
                precision={0}
                value={quantities[l.id] ?? 0}
                onChange={(v) => setQuantities((q) => ({ ...q, [l.id]: Number(v ?? 0) }))}
                data-testid={`receive-qty-${l.sku}`}
                style={{ width: 110 }}
              />
            ),
          },
        ]}
      />
      {partial ? <Alert type="warning" showIcon title={t('receive.partial', { count: dueTotal - total })} style={{ marginTop: 12 }} /> : null}
      <Flex justify="flex-end" gap={8} style={{ marginTop: 12 }}>
        <Button onClick={onCancel}>{t('common:actions.cancel')}</Button>
        <Button
          type="primary"
          loading={busy}
          disabled={total === 0}
          data-testid="receive-submit"
          onClick={() => onSubmit(Object.entries(quantities).flatMap(([lineId, quantity]) => (quantity > 0 ? [{ lineId, quantity }] : [])))}
        >
          {t('receive.submit', { count: total })}
        </Button>
      </Flex>
    </Card>
  );
}
