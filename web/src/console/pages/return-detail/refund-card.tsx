/** Money on a return: the breakdown (paid, fee, refund), refunds made, and refunds waiting for a second approval. */
import { App, Button, Card, Descriptions, Flex, Popconfirm, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReturnView } from '../../../api/types.ts';
import { errorText } from '../../api/client.ts';
import type { ReturnWorkbench } from '../../api/console-types.ts';
import { useApproveRefund } from '../../api/queries.ts';
import { formatDateTime } from '../../components/format.ts';
import { Money } from '../../components/money.tsx';
import { RefundStatusTag } from '../../components/status-tag.tsx';
import { useSession } from '../../session/session.tsx';

export function RefundCard({ ret, workbench }: { ret: ReturnView; workbench: ReturnWorkbench }) {
  const { t, i18n } = useTranslation('console');
  const { message } = App.useApp();
  const { can } = useSession();
  const approve = useApproveRefund(ret.id);
  const { refund } = workbench;
  const value = refund.lines.reduce((s, l) => s + l.value, 0);
  const fee = refund.lines.reduce((s, l) => s + l.fee, 0);

  return (
    <Card size="small" title={t('detail.money')} data-testid="refund-card">
      <Descriptions column={{ xs: 1, sm: 2, md: 4 }} size="small" layout="vertical">
        <Descriptions.Item label={t('refund.paidValue')}>
          <Money amount={value} currency={ret.currency} />
        </Descriptions.Item>
        <Descriptions.Item label={t('refund.fee')}>
          <Money amount={-fee} currency={ret.currency} type={fee > 0 ? 'danger' : 'secondary'} />
        </Descriptions.Item>
        <Descriptions.Item label={t('refund.shipping')}>
          <Money amount={refund.shipping} currency={ret.currency} />
        </Descriptions.Item>
        <Descriptions.Item label={t('refund.refundable')}>
          <Money amount={refund.refundable} currency={ret.currency} strong />
        </Descriptions.Item>
        <Descriptions.Item label={t('refund.refunded')}>
          <Money amount={ret.refundedAmount} currency={ret.currency} type="success" />
        </Descriptions.Item>
        <Descriptions.Item label={t('refund.pending')}>
          <Money amount={ret.pendingRefundAmount} currency={ret.currency} />
        </Descriptions.Item>
        <Descriptions.Item label={t('refund.remaining')}>
          <Money amount={refund.remaining} currency={ret.currency} strong />
        </Descriptions.Item>
        <Descriptions.Item label={t('refund.approvalLimit')}>
          {refund.approvalLimit === null ? t('refund.noLimit') : <Money amount={refund.approvalLimit} currency={ret.currency} />}
        </Descriptions.Item>
      </Descriptions>
      {ret.refunds.length > 0 ? (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={ret.refunds}
          style={{ marginTop: 8 }}
          columns={[
            { title: t('refund.number'), dataIndex: 'number' },
            { title: t('refund.amount'), dataIndex: 'amount', align: 'right', render: (amount: number) => <Money amount={amount} currency={ret.currency} /> },
            { title: t('refund.method'), dataIndex: 'method', render: (m: string) => t(`refund.methods.${m}.label`) },
            { title: t('refund.status'), dataIndex: 'status', render: (s: string) => <RefundStatusTag status={s} /> },
            { title: t('refund.at'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, i18n.language) },
            {
              title: '',
              key: 'approve',
              align: 'right',
              render: (_, r) => {
                const pending = workbench.pendingRefunds.find((p) => p.id === r.id);
                if (!pending || !can('refunds:approve')) return null;
                if (!pending.canApprove) return <Typography.Text type="secondary">{t('refund.needsOther')}</Typography.Text>;
                return (
                  <Popconfirm
                    title={t('refund.approveConfirm', { amount: (r.amount / 100).toFixed(2) })}
                    onConfirm={() =>
                      approve.mutateAsync(r.id).then(
                        () => message.success(t('refund.approvedDone')),
                        (e: unknown) => message.error(errorText(t, e)),
                      )
                    }
                  >
                    <Button type="primary" size="small" loading={approve.isPending}>
                      {t('refund.approvePay')}
                    </Button>
                  </Popconfirm>
                );
              },
            },
          ]}
        />
      ) : (
        <Flex>
          <Typography.Text type="secondary">{t('refund.none')}</Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
