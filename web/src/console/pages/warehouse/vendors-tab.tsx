/** Returns to vendor (退供应商) with the credit each supplier owes, and the suppliers themselves. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Segmented, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../components/money.ts';
import { errorText } from '../../api/client.ts';
import { formatDateTime } from '../../components/format.ts';
import { Money } from '../../components/money.tsx';
import { useSession } from '../../session/session.tsx';
import { useLocationName } from './parts.tsx';
import { VendorReturnForm } from './vendor-return-form.tsx';
import {
  type SupplierView,
  useDeleteSupplier,
  useRecordCredit,
  useSaveSupplier,
  useSuppliers,
  useVendorReturns,
  type VendorReturnView,
} from './warehouse-api.ts';

function CreditModal({ vendorReturn, onClose }: { vendorReturn: VendorReturnView | null; onClose: () => void }) {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const record = useRecordCredit();
  const [amount, setAmount] = useState(0);
  const [reference, setReference] = useState('');
  useEffect(() => {
    setAmount((vendorReturn?.expectedCredit ?? 0) / 100);
    setReference('');
  }, [vendorReturn]);
  const submit = () => {
    if (!vendorReturn) return;
    record.mutateAsync({ id: vendorReturn.id, amount: Math.round(amount * 100), ...(reference.trim() ? { reference: reference.trim() } : {}) }).then(
      () => {
        message.success(t('vendors.credited', { number: vendorReturn.number }));
        onClose();
      },
      (e: unknown) => message.error(errorText(t, e)),
    );
  };
  return (
    <Modal
      open={vendorReturn !== null}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={record.isPending}
      title={t('vendors.creditTitle', { number: vendorReturn?.number ?? '' })}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('vendors.creditHint', { amount: formatMoney(vendorReturn?.expectedCredit ?? 0, vendorReturn?.currency) })}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('vendors.creditAmount')} required>
          <InputNumber min={0} precision={2} prefix="¥" value={amount} onChange={(v) => setAmount(Number(v ?? 0))} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label={t('vendors.creditReference')}>
          <Input value={reference} onChange={(e) => setReference(e.target.value)} maxLength={100} placeholder={t('vendors.creditReferencePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SupplierModal({ supplier, open, onClose }: { supplier: SupplierView | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const save = useSaveSupplier();
  const [form] = Form.useForm<{ code: string; name: string; contactName?: string; contactPhone?: string; email?: string; address?: string }>();
  useEffect(() => {
    if (open)
      form.setFieldsValue(
        supplier
          ? {
              ...supplier,
              contactName: supplier.contactName ?? '',
              contactPhone: supplier.contactPhone ?? '',
              email: supplier.email ?? '',
              address: supplier.address ?? '',
            }
          : { code: '', name: '' },
      );
  }, [open, supplier, form]);
  const submit = async () => {
    const v = await form.validateFields();
    const optional = (x: string | undefined) => (x?.trim() ? x.trim() : undefined);
    const fields = {
      name: v.name.trim(),
      contactName: optional(v.contactName),
      contactPhone: optional(v.contactPhone),
      email: optional(v.email),
      address: optional(v.address),
    };
    const request = supplier
      ? save.mutateAsync({
          id: supplier.id,
          update: {
            ...fields,
            contactName: fields.contactName ?? null,
            contactPhone: fields.contactPhone ?? null,
            email: fields.email ?? null,
            address: fields.address ?? null,
          },
        })
      : save.mutateAsync({
          create: { code: v.code.trim(), ...Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== undefined)), name: fields.name },
        });
    request.then(
      () => {
        message.success(t('vendors.supplierSaved'));
        onClose();
      },
      (e: unknown) => message.error(errorText(t, e)),
    );
  };
  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={save.isPending}
      title={supplier ? t('vendors.editSupplier') : t('vendors.newSupplier')}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical">
        <Flex gap={12}>
          <Form.Item
            name="code"
            label={t('vendors.code')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/, message: t('vendors.codeRule') }]}
            style={{ flex: '0 0 140px' }}
          >
            <Input disabled={supplier !== null} maxLength={40} />
          </Form.Item>
          <Form.Item name="name" label={t('vendors.name')} rules={[{ required: true, whitespace: true }]} style={{ flex: 1 }}>
            <Input maxLength={200} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="contactName" label={t('vendors.contact')} style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('vendors.phone')} style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
        </Flex>
        <Form.Item name="email" label={t('vendors.email')} rules={[{ type: 'email' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="address" label={t('vendors.address')}>
          <Input maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function VendorsTab() {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const { can } = useSession();
  const [status, setStatus] = useState('all');
  const returns = useVendorReturns(status === 'all' ? undefined : status);
  const suppliers = useSuppliers();
  const remove = useDeleteSupplier();
  const name = useLocationName();
  const [creating, setCreating] = useState(false);
  const [crediting, setCrediting] = useState<VendorReturnView | null>(null);
  const [editing, setEditing] = useState<{ supplier: SupplierView | null } | null>(null);
  const manages = can('products:write');

  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={
          <Segmented
            value={status}
            onChange={(v) => setStatus(String(v))}
            options={['all', 'shipped', 'credited'].map((s) => ({ value: s, label: t(`vendors.status.${s}`) }))}
            style={{ margin: '8px 0' }}
          />
        }
        extra={
          can('inventory:write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="vendor-return-new">
              {t('vendors.new')}
            </Button>
          ) : null
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<VendorReturnView>
          rowKey="id"
          size="middle"
          loading={returns.isLoading}
          dataSource={returns.data?.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 960 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vendors.empty')} /> }}
          columns={[
            {
              title: t('vendors.number'),
              key: 'number',
              width: 190,
              render: (_, v) => (
                <Flex vertical gap={2}>
                  <Typography.Text strong>{v.number}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(v.createdAt)}
                  </Typography.Text>
                </Flex>
              ),
            },
            { title: t('vendors.supplier'), key: 'supplier', render: (_, v) => v.supplier.name },
            {
              title: t('vendors.goods'),
              key: 'goods',
              render: (_, v) => (
                <Flex vertical gap={0}>
                  {v.lines.map((l) => (
                    <Typography.Text key={l.id} ellipsis style={{ maxWidth: 260 }}>
                      {l.productName} × {l.quantity}
                    </Typography.Text>
                  ))}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('vendors.fromLocation', { location: name(v.fromLocation) })}
                    {v.trackingNumber ? ` · ${v.carrier ?? ''} ${v.trackingNumber}` : ''}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('vendors.expectedCredit'),
              dataIndex: 'expectedCredit',
              width: 120,
              align: 'right',
              render: (a: number, v) => <Money amount={a} currency={v.currency} strong />,
            },
            {
              title: t('vendors.receivedCredit'),
              key: 'received',
              width: 130,
              align: 'right',
              render: (_, v) =>
                v.receivedCredit === null ? (
                  <Typography.Text type="secondary">—</Typography.Text>
                ) : (
                  <Flex vertical align="flex-end" gap={0}>
                    <Money amount={v.receivedCredit} currency={v.currency} type={v.receivedCredit < v.expectedCredit ? 'danger' : 'success'} />
                    {v.creditReference ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {v.creditReference}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                ),
            },
            {
              title: t('vendors.state'),
              dataIndex: 'status',
              width: 150,
              render: (s: string, v) => (
                <Flex vertical gap={6} align="flex-start">
                  <Tag color={s === 'credited' ? 'green' : 'gold'}>{t(`vendors.status.${s}`)}</Tag>
                  {s === 'shipped' && can('returns:refund') ? (
                    <Button size="small" onClick={() => setCrediting(v)} data-testid={`vendor-credit-${v.number}`}>
                      {t('vendors.recordCredit')}
                    </Button>
                  ) : null}
                </Flex>
              ),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title={<div style={{ padding: '8px 0' }}>{t('vendors.suppliers')}</div>}
        extra={
          manages ? (
            <Button icon={<PlusOutlined />} onClick={() => setEditing({ supplier: null })} data-testid="supplier-new">
              {t('vendors.newSupplier')}
            </Button>
          ) : null
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<SupplierView>
          rowKey="id"
          size="middle"
          loading={suppliers.isLoading}
          dataSource={suppliers.data?.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 860 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vendors.noSuppliers')} /> }}
          columns={[
            { title: t('vendors.code'), dataIndex: 'code', width: 120 },
            { title: t('vendors.name'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
            { title: t('vendors.contact'), key: 'contact', render: (_, s) => [s.contactName, s.contactPhone].filter(Boolean).join(' · ') || '—' },
            { title: t('vendors.email'), dataIndex: 'email', render: (v: string | null) => v ?? '—' },
            { title: t('vendors.products'), dataIndex: 'productCount', width: 90, align: 'center' },
            ...(manages
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 140,
                    align: 'right' as const,
                    render: (_: unknown, s: SupplierView) => (
                      <Flex gap={6} justify="flex-end">
                        <Button size="small" onClick={() => setEditing({ supplier: s })}>
                          {t('common.edit')}
                        </Button>
                        <Popconfirm
                          title={t('vendors.deleteConfirm', { name: s.name })}
                          onConfirm={() => remove.mutateAsync(s.id).catch((e: unknown) => message.error(errorText(t, e)))}
                        >
                          <Button size="small" danger>
                            {t('common.delete')}
                          </Button>
                        </Popconfirm>
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <VendorReturnForm open={creating} onClose={() => setCreating(false)} />
      <CreditModal vendorReturn={crediting} onClose={() => setCrediting(null)} />
      <SupplierModal open={editing !== null} supplier={editing?.supplier ?? null} onClose={() => setEditing(null)} />
    </Flex>
  );
}
