/** The lines of a return: what was asked back, received, inspected and accepted, with what it is worth. */
import { Card, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReturnLine, ReturnView } from '../../../api/types.ts';
import type { ReturnWorkbench } from '../../api/console-types.ts';
import { useOrder } from '../../api/queries.ts';
import { useLabels } from '../../components/labels.ts';
import { Money } from '../../components/money.tsx';

const gradeColors: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

export function LinesCard({ ret, workbench }: { ret: ReturnView; workbench: ReturnWorkbench | undefined }) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const lineValues = new Map(workbench?.refund.lines.map((l) => [l.lineId, l]) ?? []);
  const order = useOrder(ret.orderId);
  const orderLines = new Map(order.data?.lines.map((l) => [l.id, l]) ?? []);
  /** What the asked units cost the customer, before any are accepted and priced. */
  const asked = (line: ReturnLine) => {
    const ol = orderLines.get(line.orderLineId);
    return ol ? Math.floor((ol.paidAmount * line.quantity) / ol.quantity) : null;
  };
  const goods = ret.type !== 'refund_only' && !ret.returnless;
  return (
    <Card size="small" title={t('detail.lines', { count: ret.lines.length })} styles={{ body: { padding: 0 } }}>
      <Table<ReturnLine>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={ret.lines}
        scroll={{ x: 640 }}
        data-testid="lines-table"
        columns={[
          {
            title: t('lines.item'),
            key: 'item',
            render: (_, line) => (
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong>{line.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {line.sku}
                </Typography.Text>
                {workbench?.inspections
                  .filter((i) => i.returnLineId === line.id)
                  .map((i) => (
                    <Tag key={`${i.createdAt}-${i.grade}-${i.disposition}-${i.quantity}`} color={gradeColors[i.grade] ?? 'default'} style={{ marginTop: 4 }}>
                      {t('lines.inspected', { grade: i.grade, disposition: t(`disposition.${i.disposition}.label`), count: i.quantity })}
                    </Tag>
                  ))}
              </div>
            ),
          },
          {
            title: t('lines.reason'),
            key: 'reason',
            width: 150,
            render: (_, line) => (
              <div>
                <Typography.Text>{labels.reason(line.reasonCode)}</Typography.Text>
                {line.note ? (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {t('lines.note', { note: line.note })}
                  </Typography.Text>
                ) : null}
              </div>
            ),
          },
          { title: t('lines.requested'), dataIndex: 'quantity', width: 64, align: 'center' },
          ...(goods
            ? [
                { title: t('lines.received'), dataIndex: 'receivedQuantity', width: 64, align: 'center' as const },
                { title: t('lines.inspectedCol'), dataIndex: 'inspectedQuantity', width: 64, align: 'center' as const },
              ]
            : []),
          {
            title: t('lines.accepted'),
            key: 'accepted',
            width: 84,
            align: 'center',
            render: (_, line) => (
              <Flex vertical align="center">
                <span>{line.acceptedQuantity}</span>
                {line.refusedQuantity > 0 ? (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {t('lines.refused', { count: line.refusedQuantity })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          {
            title: t('lines.value'),
            key: 'value',
            width: 110,
            align: 'right',
            render: (_, line) => {
              const v = lineValues.get(line.id);
              if (v && (line.acceptedQuantity > 0 || v.value > 0)) return <Money amount={v.refundable} currency={ret.currency} strong />;
              const estimate = asked(line);
              return estimate === null ? (
                '—'
              ) : (
                <div>
                  <Money amount={estimate} currency={ret.currency} type="secondary" />
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {t('lines.asked')}
                  </Typography.Text>
                </div>
              );
            },
          },
        ]}
      />
    </Card>
  );
}
