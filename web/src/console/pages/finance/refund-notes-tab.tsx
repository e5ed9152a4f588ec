/** Refund notes (退款单): every refund with its note number; one opens to its red-letter invoice fields, PDF and audit trail. */
import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Flex, Form, Input, Segmented, Table, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../api/client.ts';
import { formatDateTime } from '../../components/format.ts';
import { Money } from '../../components/money.tsx';
import { RefundStatusTag } from '../../components/status-tag.tsx';
import { downloadFile, type RefundListItem, useRefundDetail, useRefundDocuments, useUpdateNote } from './finance-api.ts';

type NoteFields = { originalInvoiceNumber: string; redConfirmationNumber: string; redInvoiceNumber: string; invoiceNote: string };

function NoteDrawer({ refundId, onClose }: { refundId: string | null; onClose: () => void }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const detail = useRefundDetail(refundId);
  const update = useUpdateNote(refundId ?? '');
  const [form] = Form.useForm<NoteFields>();
  const note = detail.data?.note;

  useEffect(() => {
    if (note) {
      form.setFieldsValue({
        originalInvoiceNumber: note.originalInvoiceNumber ?? '',
        redConfirmationNumber: note.redConfirmationNumber ?? '',
        redInvoiceNumber: note.redInvoiceNumber ?? '',
        invoiceNote: note.invoiceNote ?? '',
      });
    }
  }, [note, form]);

  const save = (values: NoteFields) => {
    const blankToNull = (v: string) => (v.trim() ? v.trim() : null);
    update
      .mutateAsync({
        originalInvoiceNumber: blankToNull(values.originalInvoiceNumber),
        redConfirmationNumber: blankToNull(values.redConfirmationNumber),
        redInvoiceNumber: blankToNull(values.redInvoiceNumber),
        invoiceNote: blankToNull(values.invoiceNote),
      })
      .then(
        () => {
          message.success(t('docs.saved'));
          void detail.refetch();
        },
        (e: unknown) => message.error(errorText(t, e)),
      );
  };

  return (
    <Drawer open={refundId !== null} onClose={onClose} size={560} title={note ? t('docs.detail', { number: note.number }) : ''} destroyOnHidden>
      {detail.data && note ? (
        <Flex vertical gap={16} data-testid="note-drawer">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('docs.refund')}>
              <Flex gap={8} align="center">
                {note.refundNumber} <RefundStatusTag status={note.status} /> <Tag>{t(`docs.kind.${note.kind}`, { defaultValue: note.kind })}</Tag>
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label={t('docs.return')}>
              <Link to={`/console/returns/${note.returnId}`}>{note.returnNumber}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('docs.order')}>{note.orderNumber}</Descriptions.Item>
            <Descriptions.Item label={t('docs.customer')}>{note.customerName}</Descriptions.Item>
            <Descriptions.Item label={t('docs.amount')}>
              <Money amount={note.amount} currency={note.currency} strong />
            </Descriptions.Item>
            <Descriptions.Item label={t('docs.method')}>
              {t(`method.${note.method}`)}
              {note.channel ? ` · ${note.channel}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('docs.reference')}>{note.providerReference ?? note.reference ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('docs.paidAt')}>{formatDateTime(note.paidAt)}</Descriptions.Item>
            {detail.data.rejectReason ? <Descriptions.Item label={t('docs.rejectReason')}>{detail.data.rejectReason}</Descriptions.Item> : null}
          </Descriptions>
          <Flex justify="space-between" align="center">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('docs.invoice')}
            </Typography.Title>
            <Button
              icon={<FilePdfOutlined />}
              onClick={() =>
                void downloadFile(`refunds/${note.refundId}/note.pdf`, `refund-note-${note.number}.pdf`).catch((e: unknown) => message.error(errorText(t, e)))
              }
              data-testid="note-pdf"
            >
              {t('docs.pdf')}
            </Button>
          </Flex>
          <Form form={form} layout="vertical" onFinish={save} data-testid="note-form">
            <Form.Item name="originalInvoiceNumber" label={t('docs.originalInvoiceNumber')}>
              <Input maxLength={64} />
            </Form.Item>
            <Form.Item name="redConfirmationNumber" label={t('docs.redConfirmationNumber')}>
              <Input maxLength={64} data-testid="note-red-confirmation" />
            </Form.Item>
            <Form.Item name="redInvoiceNumber" label={t('docs.redInvoiceNumber')}>
              <Input maxLength={64} data-testid="note-red-invoice" />
            </Form.Item>
            <Form.Item name="invoiceNote" label={t('docs.invoiceNote')}>
              <Input.TextArea maxLength={500} rows={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="note-save">
              {t('docs.save')}
            </Button>
          </Form>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('docs.audit')}
          </Typography.Title>
          <Timeline
            items={detail.data.audit.map((a) => ({
              content: (
                <Flex vertical>
                  <Typography.Text strong>{t(`docs.auditAction.${a.action}`, { defaultValue: a.action })}</Typography.Text>
                  <Typography.Text type="secondary">
                    {a.actor.name ?? a.actor.kind} · {formatDateTime(a.at)}
                  </Typography.Text>
                </Flex>
              ),
            }))}
          />
        </Flex>
      ) : null}
    </Drawer>
  );
}

export function RefundNotesTab() {
  const { t } = useTranslation('finance');
  const [status, setStatus] = useState<string>('all');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [open, setOpen] = useState<string | null>(null);
  const cursor = cursors[cursors.length - 1];
  const list = useRefundDocuments({ limit: 20, cursor, status: status === 'all' ? undefined : status });

  return (
    <Flex vertical gap={12}>
      <Segmented
        value={status}
        onChange={(v) => {
          setStatus(String(v));
          setCursors([undefined]);
        }}
        options={[
          { value: 'all', label: t('docs.all') },
          { value: 'paid', label: t('status.paid') },
          { value: 'pending_approval', label: t('status.pending_approval') },
          { value: 'rejected', label: t('status.rejected') },
        ]}
      />
      <Table<RefundListItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.data ?? []}
        pagination={false}
        scroll={{ x: 960 }}
        data-testid="refund-documents"
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('docs.number'), dataIndex: 'noteNumber', render: (n: string | null) => <Typography.Text strong>{n ?? '—'}</Typography.Text> },
          { title: t('docs.refund'), dataIndex: 'number' },
          { title: t('docs.return'), dataIndex: 'returnNumber' },
          { title: t('docs.order'), dataIndex: 'orderNumber', ellipsis: true },
          { title: t('docs.customer'), dataIndex: 'customerName', ellipsis: true },
          { title: t('docs.amount'), dataIndex: 'amount', align: 'right', render: (v: number, r) => <Money amount={v} currency={r.currency} /> },
          { title: t('docs.method'), dataIndex: 'method', render: (m: string) => t(`method.${m}`, { defaultValue: m }) },
          { title: t('docs.status'), dataIndex: 'status', render: (s: string) => <RefundStatusTag status={s} /> },
          { title: t('docs.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at) },
        ]}
      />
      <Flex gap={8} justify="flex-end">
        <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('docs.previous')}
        </Button>
        <Button disabled={!list.data?.nextCursor} onClick={() => list.data?.nextCursor && setCursors([...cursors, list.data.nextCursor])}>
          {t('docs.next')}
        </Button>
      </Flex>
      <NoteDrawer refundId={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}
