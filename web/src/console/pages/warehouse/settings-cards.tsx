/** Two settings of the warehouse: the adjustment reason codes, and a product's barcode, lot/serial tracking and supplier. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Flex, Form, Input, Modal, Select, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { Money } from '../../components/money.tsx';
import { useSession } from '../../session/session.tsx';
import { ProductScan, useLocationName } from './parts.tsx';
import { type CodeLookup, type ReasonCodeView, useReasonCodes, useSaveReasonCode, useSaveStockSettings, useSuppliers } from './warehouse-api.ts';

const directions = ['in', 'out', 'both'] as const;

export function ReasonCodesCard() {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const { can } = useSession();
  const reasons = useReasonCodes(true);
  const save = useSaveReasonCode();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ code: string; name: string; nameEn?: string; direction: (typeof directions)[number] }>();
  const manages = can('warehouses:manage');
  const failed = (e: unknown) => message.error(errorText(t, e));
  const submit = async () => {
    const v = await form.validateFields();
    save
      .mutateAsync({ create: { code: v.code.trim(), name: v.name.trim(), direction: v.direction, ...(v.nameEn?.trim() ? { nameEn: v.nameEn.trim() } : {}) } })
      .then(() => {
        message.success(t('settings.reasonSaved'));
        setAdding(false);
        form.resetFields();
      }, failed);
  };
  return (
    <Card
      size="small"
      title={<div style={{ padding: '8px 0' }}>{t('settings.reasonCodes')}</div>}
      extra={
        manages ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('settings.newReason')}
          </Button>
        ) : null
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<ReasonCodeView>
        rowKey="code"
        size="small"
        pagination={false}
        loading={reasons.isLoading}
        dataSource={reasons.data?.data ?? []}
        columns={[
          { title: t('settings.code'), dataIndex: 'code', width: 140, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
          { title: t('settings.nameZh'), dataIndex: 'name' },
          { title: t('settings.nameEn'), dataIndex: 'nameEn', render: (v: string | null) => v ?? '—' },
          {
            title: t('settings.direction'),
            dataIndex: 'direction',
            width: 130,
            render: (d: string) => <Tag color={d === 'in' ? 'green' : d === 'out' ? 'red' : 'blue'}>{t(`moves.directionShort.${d}`)}</Tag>,
          },
          {
            title: t('settings.active'),
            key: 'active',
            width: 90,
            render: (_, r) => (
              <Switch
                size="small"
                checked={r.active}
                disabled={!manages}
                onChange={(active) => save.mutateAsync({ code: r.code, update: { active } }).catch(failed)}
              />
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        onCancel={() => setAdding(false)}
        onOk={() => void submit()}
        confirmLoading={save.isPending}
        title={t('settings.newReason')}
        forceRender
      >
        <Form form={form} layout="vertical" initialValues={{ direction: 'out' }}>
          <Form.Item
            name="code"
            label={t('settings.code')}
            rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_-]*$/, message: t('settings.reasonCodeRule') }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="name" label={t('settings.nameZh')} rules={[{ required: true, whitespace: true }]} style={{ flex: 1 }}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="nameEn" label={t('settings.nameEn')} style={{ flex: 1 }}>
              <Input maxLength={100} />
            </Form.Item>
          </Flex>
          <Form.Item name="direction" label={t('settings.direction')}>
            <Select options={directions.map((d) => ({ value: d, label: t(`moves.reasonDirection.${d}`) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

export function ProductSettingsCard() {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const { can } = useSession();
  const suppliers = useSuppliers();
  const save = useSaveStockSettings();
  const name = useLocationName();
  const [found, setFound] = useState<CodeLookup | null>(null);
  const [barcode, setBarcode] = useState('');
  const [tracking, setTracking] = useState<'none' | 'lot' | 'serial'>('none');
  const [supplierId, setSupplierId] = useState<string | null>(null);
  const writes = can('products:write');
  useEffect(() => {
    setBarcode(found?.product.barcode ?? '');
    setTracking(found?.product.tracking ?? 'none');
    setSupplierId(found?.product.supplierId ?? null);
  }, [found]);
  const submit = () => {
    if (!found) return;
    save.mutateAsync({ productId: found.product.id, body: { barcode: barcode.trim() || null, tracking, supplierId } }).then(
      (product) => {
        message.success(t('settings.productSaved', { sku: product.sku }));
        setFound({ ...found, product });
      },
      (e: unknown) => message.error(errorText(t, e)),
    );
  };
  return (
    <Card size="small" title={<div style={{ padding: '8px 0' }}>{t('settings.productTitle')}</div>}>
      <Typography.Paragraph type="secondary">{t('settings.productHint')}</Typography.Paragraph>
      <div style={{ maxWidth: 420, marginBottom: 16 }}>
        <ProductScan onFound={setFound} placeholder={t('settings.productFind')} testId="product-scan" />
      </div>
      {found ? (
        <Flex gap={24} wrap align="flex-start">
          <Descriptions size="small" column={1} style={{ flex: '1 1 280px' }} title={found.product.name}>
            <Descriptions.Item label="SKU">{found.product.sku}</Descriptions.Item>
            <Descriptions.Item label={t('settings.category')}>{found.product.category}</Descriptions.Item>
            <Descriptions.Item label={t('settings.price')}>
              <Money amount={found.product.price} />
            </Descriptions.Item>
            <Descriptions.Item label={t('settings.stock')}>
              <Flex gap={4} wrap>
                {found.levels.length === 0 ? '—' : found.levels.map((l) => <Tag key={l.location}>{`${name(l.location)} ${l.onHand}`}</Tag>)}
              </Flex>
            </Descriptions.Item>
          </Descriptions>
          <Form layout="vertical" style={{ flex: '1 1 320px', maxWidth: 420 }} disabled={!writes} data-testid="product-settings-form">
            <Form.Item label={t('settings.barcode')}>
              <Input value={barcode} onChange={(e) => setBarcode(e.target.value)} maxLength={64} placeholder="6901234567890" />
            </Form.Item>
            <Form.Item label={t('settings.tracking')} extra={t(`settings.trackingHint.${tracking}`)}>
              <Select
                value={tracking}
                onChange={setTracking}
                options={(['none', 'lot', 'serial'] as const).map((m) => ({ value: m, label: t(`settings.trackingMode.${m}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('vendors.supplier')}>
              <Select
                allowClear
                value={supplierId ?? undefined}
                onChange={(v) => setSupplierId(v ?? null)}
                placeholder={t('settings.noSupplier')}
                options={(suppliers.data?.data ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.code}` }))}
              />
            </Form.Item>
            {writes ? (
              <Button type="primary" onClick={submit} loading={save.isPending}>
                {t('common:actions.save')}
              </Button>
            ) : (
              <Typography.Text type="secondary">{t('settings.productReadOnly')}</Typography.Text>
            )}
          </Form>
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('settings.productEmpty')} />
      )}
    </Card>
  );
}
