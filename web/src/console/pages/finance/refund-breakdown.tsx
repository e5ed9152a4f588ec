/**
 * The refund breakdown of a return, explained to the fen: per line the price paid for the
 * accepted units, the restocking fee by reason, the fee by inspection grade, the
 * customer's share of the return postage, and the refund; the order's shipping fee when
 * the whole order comes back; what earlier refunds claimed; the legal deadline.
 */
import { Alert, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReturnView } from '../../../api/types.ts';
import { formatMoney } from '../../../components/money.ts';
import { formatDateTime } from '../../components/format.ts';
import { Money } from '../../components/money.tsx';
import type { RefundPreviewView } from './finance-api.ts';

type Row = {
  key: string;
  name: string;
  units: number | null;
  grades: RefundPreviewView['lines'][number]['grades'];
  pendingQuantity: number;
  value: number;
  restockingFee: number;
  gradeFee: number;
  returnShipping: number;
  refundable: number;
};

export function RefundBreakdown({ ret, preview }: { ret: ReturnView; preview: RefundPreviewView }) {
  const { t } = useTranslation('finance');
  const names = new Map(ret.lines.map((l) => [l.id, l]));
  const money = (v: number) => <Money amount={v} currency={preview.currency} />;
  const minus = (v: number) =>
    v > 0 ? <Money amount={-v} currency={preview.currency} type="danger" /> : <Typography.Text type="secondary">—</Typography.Text>;
  const rows: Row[] = [
    ...preview.lines.map((l) => ({
      key: l.lineId,
      name: names.get(l.lineId)?.name ?? l.sku,
      units: l.acceptedQuantity,
      grades: l.grades,
      pendingQuantity: l.pendingQuantity,
      value: l.value,
      restockingFee: l.restockingFee,
      gradeFee: l.gradeFee,
      returnShipping: l.returnShipping,
      refundable: l.refundable,
    })),
    ...(preview.shipping > 0
      ? [
          {
            key: 'shipping',
            name: t('breakdown.shippingLine'),
            units: null,
            grades: [],
            pendingQuantity: 0,
            value: preview.shipping,
            restockingFee: 0,
            gradeFee: 0,
            returnShipping: 0,
            refundable: preview.shipping,
          },
        ]
      : []),
  ];
  const deadline = preview.deadline;
  return (
    <Flex vertical gap={10}>
      <Table<Row>
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="refund-breakdown"
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('breakdown.item'),
            dataIndex: 'name',
            render: (name: string, row) => (
              <Flex vertical gap={2}>
                <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                  {name}
                </Typography.Text>
                <Flex gap={4} wrap>
                  {row.grades.map((g) => (
                    <Tooltip key={g.grade ?? 'none'} title={g.feePercent > 0 ? t('breakdown.gradeFee_hint', { grade: g.grade, percent: g.feePercent }) : null}>
                      <Tag color={g.feePercent > 0 ? 'orange' : 'default'} style={{ marginInlineEnd: 0 }}>
                        {g.grade ? t('breakdown.grade', { grade: g.grade }) : t('breakdown.ungraded')} ×{g.units}
                      </Tag>
                    </Tooltip>
                  ))}
                </Flex>
                {row.pendingQuantity > 0 ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('breakdown.pendingUnits', { count: row.pendingQuantity })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          { title: t('breakdown.units'), dataIndex: 'units', width: 60, align: 'center', render: (u: number | null) => u ?? '—' },
          { title: t('breakdown.paid'), dataIndex: 'value', width: 100, align: 'right', render: money },
          { title: t('breakdown.restockingFee'), dataIndex: 'restockingFee', width: 96, align: 'right', render: minus },
          { title: t('breakdown.gradeFee'), dataIndex: 'gradeFee', width: 96, align: 'right', render: minus },
          { title: t('breakdown.postage'), dataIndex: 'returnShipping', width: 96, align: 'right', render: minus },
          {
            title: t('breakdown.refund'),
            dataIndex: 'refundable',
            width: 104,
            align: 'right',
            render: (v: number) => <Money amount={v} currency={preview.currency} strong />,
          },
        ]}
        summary={() => (
          <>
            {preview.claimed > 0 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={6}>
                  {t('console:refund.alreadyClaimed')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  <Money amount={-preview.claimed} currency={preview.currency} />
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null}
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={6}>
                <Typography.Text strong>{t('console:refund.remaining')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                <span data-testid="refund-remaining">
                  <Money amount={preview.remaining} currency={preview.currency} strong />
                </span>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </>
        )}
      />
      <Flex gap={8} wrap>
        {preview.returnShippingPayer !== 'none' ? (
          <Tag color={preview.returnShippingPayer === 'shop' ? 'blue' : 'gold'}>
            {preview.returnShippingPayer === 'shop'
              ? t('breakdown.postageShop')
              : t(preview.returnShipping > 0 ? 'breakdown.postageCustomer' : 'breakdown.postageCustomerSelf')}
          </Tag>
        ) : null}
        {preview.projectedRefundable > preview.refundable ? (
          <Tag>{t('breakdown.projected', { amount: formatMoney(preview.projectedRefundable, preview.currency) })}</Tag>
        ) : null}
        {preview.storeCreditBonus > 0 ? (
          <Tag color="green">{t('breakdown.bonus', { amount: formatMoney(preview.storeCreditBonus, preview.currency) })}</Tag>
        ) : null}
      </Flex>
      {deadline ? (
        <Alert
          type={deadline.state === 'overdue' ? 'error' : deadline.state === 'due_soon' ? 'warning' : 'info'}
          showIcon
          data-testid="refund-deadline"
          title={t(deadline.state === 'overdue' ? 'breakdown.deadlineOver' : deadline.state === 'due_soon' ? 'breakdown.deadlineSoon' : 'breakdown.deadline', {
            date: formatDateTime(deadline.dueAt),
          })}
        />
      ) : null}
    </Flex>
  );
}
