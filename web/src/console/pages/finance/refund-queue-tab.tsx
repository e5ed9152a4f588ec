/** The finance queue: every refund still owed, soonest legal deadline first; held refunds are approved or rejected here. */
import { Alert, App, Button, Empty, Flex, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney } from '../../../components/money.ts';
import { errorText } from '../../api/client.ts';
import { Money } from '../../components/money.tsx';
import { useSession, useUser } from '../../session/session.tsx';
import { DeadlineTag } from './deadline-tag.tsx';
import { type FinanceQueueItem, useDecideRefund, useFinanceQueue } from './finance-api.ts';

export function RefundQueueTab() {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const user = useUser();
  const { can } = useSession();
  const queue = useFinanceQueue();
  const decide = useDecideRefund();
  const [rejecting, setRejecting] = useState<FinanceQueueItem | null>(null);
  const [reason, setReason] = useState('');
  const summary = queue.data?.summary;

  const approve = (item: FinanceQueueItem) =>
    decide.mutateAsync({ id: item.refundId ?? '', decision: 'approve' }).then(
      () => message.success(t('queue.approved')),
      (e: unknown) => message.error(errorText(t, e)),
    );
  const reject = () => {
    if (!rejecting?.refundId || !reason.trim()) return;
    decide.mutateAsync({ id: rejecting.refundId, decision: 'reject', reason: reason.trim() }).then(
      () => {
        message.success(t('queue.rejected'));
        setRejecting(null);
        setReason('');
      },
      (e: unknown) => message.error(errorText(t, e)),
    );
  };

  return (
    <Flex vertical gap={12}>
      {summary && summary.overdue > 0 ? (
        <Alert type="error" showIcon title={t('queue.overdueAlert', { count: summary.overdue })} data-testid="queue-overdue" />
      ) : null}
      {summary && summary.dueSoon > 0 ? (
        <Alert type="warning" showIcon title={t('queue.dueSoonAlert', { count: summary.dueSoon, days: queue.data?.warningDays ?? 2 })} />
      ) : null}
      {summary ? <Typography.Text type="secondary">{t('queue.summary', { count: summary.count, amount: formatMoney(summary.amount) })}</Typography.Text> : null}
      <Table<FinanceQueueItem>
        rowKey={(r) => `${r.kind}-${r.refundId ?? r.returnId}`}
        size="middle"
        loading={queue.isLoading}
        dataSource={queue.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('queue.empty')} /> }}
        data-testid="finance-queue"
        rowClassName={(r) => (r.state === 'overdue' ? 'rf-row-overdue' : '')}
        columns={[
          {
            title: t('queue.dueAt'),
            key: 'due',
            width: 130,
            render: (_, r) => <DeadlineTag dueAt={r.dueAt} state={r.state} daysLeft={r.daysLeft} />,
          },
          {
            title: t('queue.return'),
            dataIndex: 'returnNumber',
            render: (number: string, r) => (
              <Link to={`/console/returns/${r.returnId}`} data-testid="finance-return-link">
                {number}
              </Link>
            ),
          },
          { title: t('queue.customer'), dataIndex: 'customerName', ellipsis: true },
          {
            title: t('queue.type'),
            key: 'kind',
            render: (_, r) => (
              <Flex gap={4} wrap>
                <Tag color={r.kind === 'approval' ? 'orange' : 'blue'}>{t(`queue.kind.${r.kind}`)}</Tag>
                {r.method ? <Tag>{t(`method.${r.method}`)}</Tag> : null}
                {r.refundNumber ? <Typography.Text type="secondary">{r.refundNumber}</Typography.Text> : null}
              </Flex>
            ),
          },
          { title: t('queue.amount'), dataIndex: 'amount', align: 'right', render: (v: number, r) => <Money amount={v} currency={r.currency} strong /> },
          {
            title: t('queue.actions'),
            key: 'actions',
            align: 'right',
            width: 220,
            render: (_, r) => {
              if (r.kind === 'payment') {
                return (
                  <Link to={`/console/returns/${r.returnId}`}>
                    <Button size="small" type="primary">
                      {t('queue.open')}
                    </Button>
                  </Link>
                );
              }
              if (!can('refunds:approve')) return null;
              if (r.requestedById === user.id) return <Typography.Text type="secondary">{t('queue.needsOther')}</Typography.Text>;
              return (
                <Flex gap={6} justify="flex-end">
                  <Popconfirm title={t('queue.approveConfirm', { amount: formatMoney(r.amount, r.currency) })} onConfirm={() => approve(r)}>
                    <Button size="small" type="primary" loading={decide.isPending} data-testid={`approve-${r.refundNumber}`}>
                      {t('queue.approve')}
                    </Button>
                  </Popconfirm>
                  <Button size="small" danger onClick={() => setRejecting(r)} data-testid={`reject-${r.refundNumber}`}>
                    {t('queue.reject')}
                  </Button>
                </Flex>
              );
            },
          },
        ]}
      />
      <Modal
        open={rejecting !== null}
        title={t('queue.rejectTitle', { number: rejecting?.refundNumber ?? '' })}
        okText={t('queue.reject')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'reject-confirm' }}
        confirmLoading={decide.isPending}
        onOk={reject}
        onCancel={() => setRejecting(null)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t('queue.rejectReason')} required help={reason.trim() ? undefined : t('queue.rejectReasonRequired')}>
            <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} rows={3} data-testid="reject-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
