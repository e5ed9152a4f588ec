/** Paying a refund: the policy's breakdown (paid, fee, refund), the method, and a confirmation of the amount. */
import { Alert, Descriptions, Flex, Form, Input, InputNumber, Modal, Radio, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnView } from '../../../api/types.ts';
import { formatMoney } from '../../../components/money.ts';
import type { ReturnWorkbench } from '../../api/console-types.ts';
import { Money } from '../../components/money.tsx';
import { useRefundPreview } from '../finance/finance-api.ts';
import { RefundBreakdown } from '../finance/refund-breakdown.tsx';

type Method = 'original' | 'store_credit' | 'manual';
export type RefundSubmit = { method: Method; amount: number; reference?: string | undefined };

export type RefundModalProps = {
  open: boolean;
  busy: boolean;
  ret: ReturnView;
  workbench: ReturnWorkbench;
  onCancel: () => void;
  onSubmit: (body: RefundSubmit) => void;
};

export function RefundModal({ open, busy, ret, workbench, onCancel, onSubmit }: RefundModalProps) {
  const { t } = useTranslation('console');
  const { refund } = workbench;
  // The full breakdown (fees by reason and grade, postage, deadline); the workbench's summary until it loads.
  const preview = useRefundPreview(ret.id, open);
  const [method, setMethod] = useState<Method>(ret.resolution === 'store_credit' ? 'store_credit' : 'original');
  const [amountYuan, setAmountYuan] = useState<number>(refund.remaining / 100);
  const [reference, setReference] = useState('');
  const [confirming, setConfirming] = useState(false);
  const amount = Math.round(amountYuan * 100);
  const needsApproval = refund.approvalLimit !== null && amount > refund.approvalLimit;
  const valid = amount > 0 && amount <= refund.remaining && (method !== 'manual' || reference.trim().length > 0);
  const names = new Map(ret.lines.map((l) => [l.id, l]));
  const rows = [
    ...refund.lines.map((l) => ({ key: l.lineId, name: names.get(l.lineId)?.name ?? '', units: names.get(l.lineId)?.acceptedQuantity ?? 0, ...l })),
    ...(refund.shipping > 0
      ? [{ key: 'shipping', name: t('refund.shippingLine'), units: null, value: refund.shipping, fee: 0, refundable: refund.shipping, claimed: 0 }]
      : []),
  ];

  return (
    <Modal
      open={open}
      width={720}
      title={t('refund.title', { number: ret.number })}
      okText={confirming ? t('refund.confirmPay', { amount: formatMoney(amount, ret.currency) }) : t('refund.next')}
      okButtonProps={{ disabled: !valid, 'data-testid': confirming ? 'refund-confirm' : 'refund-next' }}
      cancelText={confirming ? t('common:actions.back') : t('common:actions.cancel')}
      confirmLoading={busy}
      onCancel={() => (confirming ? setConfirming(false) : onCancel())}
      onOk={() => (confirming ? onSubmit({ method, amount, ...(method === 'manual' ? { reference: reference.trim() } : {}) }) : setConfirming(true))}
      destroyOnHidden
    >
      {confirming ? (
        <Flex vertical gap={12} data-testid="refund-confirmation">
          <Alert
            type={needsApproval ? 'warning' : 'info'}
            showIcon
            title={t('refund.confirmText', { amount: formatMoney(amount, ret.currency), method: t(`refund.methods.${method}.label`) })}
            description={needsApproval ? t('refund.willWait') : t('refund.paidAtOnce')}
          />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('refund.amount')}>
              <Money amount={amount} currency={ret.currency} strong />
            </Descriptions.Item>
            <Descriptions.Item label={t('refund.method')}>{t(`refund.methods.${method}.label`)}</Descriptions.Item>
            {method === 'manual' ? <Descriptions.Item label={t('refund.reference')}>{reference}</Descriptions.Item> : null}
          </Descriptions>
        </Flex>
      ) : (
        <>
          {preview.data ? (
            <RefundBreakdown ret={ret} preview={preview.data} />
          ) : (
            <Table
              size="small"
              pagination={false}
              dataSource={rows}
              data-testid="refund-breakdown"
              columns={[
                { title: t('lines.item'), dataIndex: 'name', ellipsis: true },
                { title: t('refund.units'), dataIndex: 'units', width: 64, align: 'center', render: (u: number | null) => u ?? '—' },
                {
                  title: t('refund.paidValue'),
                  dataIndex: 'value',
                  width: 110,
                  align: 'right',
                  render: (v: number) => <Money amount={v} currency={ret.currency} />,
                },
                {
                  title: t('refund.fee'),
                  dataIndex: 'fee',
                  width: 100,
                  align: 'right',
                  render: (v: number) => <Money amount={-v} currency={ret.currency} type="secondary" />,
                },
                {
                  title: t('refund.refundCol'),
                  dataIndex: 'refundable',
                  width: 110,
                  align: 'right',
                  render: (v: number) => <Money amount={v} currency={ret.currency} strong />,
                },
              ]}
              summary={() => (
                <>
                  {refund.claimed > 0 ? (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0} colSpan={4}>
                        {t('refund.alreadyClaimed')}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={4} align="right">
                        <Money amount={-refund.claimed} currency={ret.currency} />
                      </Table.Summary.Cell>
                    </Table.Summary.Row>
                  ) : null}
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={4}>
                      <Typography.Text strong>{t('refund.remaining')}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4} align="right">
                      <Money amount={refund.remaining} currency={ret.currency} strong />
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                </>
              )}
            />
          )}
          <Form layout="vertical" style={{ marginTop: 16 }}>
            <Form.Item label={t('refund.method')}>
              <Radio.Group value={method} onChange={(e) => setMethod(e.target.value as Method)} data-testid="refund-method">
                <Flex vertical gap={6}>
                  {(['original', 'store_credit', 'manual'] as const).map((m) => (
                    <Radio key={m} value={m}>
                      {t(`refund.methods.${m}.label`)}
                      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                        {m === 'store_credit' && refund.storeCreditBonusPercent > 0
                          ? t('refund.methods.store_credit.bonus', { percent: refund.storeCreditBonusPercent })
                          : t(`refund.methods.${m}.hint`)}
                      </Typography.Text>
                    </Radio>
                  ))}
                </Flex>
              </Radio.Group>
            </Form.Item>
            <Flex gap={16} wrap>
              <Form.Item label={t('refund.amountYuan')} help={t('refund.amountHelp', { max: formatMoney(refund.remaining, ret.currency) })}>
                <InputNumber
                  min={0.01}
                  max={refund.remaining / 100}
                  precision={2}
                  prefix="¥"
                  value={amountYuan}
                  onChange={(v) => setAmountYuan(Number(v ?? 0))}
                  style={{ width: 180 }}
                  data-testid="refund-amount"
                />
              </Form.Item>
              {method === 'manual' ? (
                <Form.Item label={t('refund.reference')} required>
                  <Input value={reference} onChange={(e) => setReference(e.target.value)} maxLength={120} style={{ width: 240 }} />
                </Form.Item>
              ) : null}
            </Flex>
          </Form>
          {needsApproval ? <Alert type="warning" showIcon title={t('refund.willWait')} /> : null}
        </>
      )}
    </Modal>
  );
}
