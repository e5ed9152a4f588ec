/**
 * A return to vendor (退供应商): pick the supplier, then what of theirs lies in DAMAGED (or
 * another damaged / quarantine location) and the credit they owe per unit; the goods leave
 * stock and the expected credit is recorded.
 */
import { useQueries } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Drawer, Empty, Flex, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../components/money.ts';
import { errorText } from '../../api/client.ts';
import { Money } from '../../components/money.tsx';
import { carriers } from './parcel-register.tsx';
import { LocationSelect, ProductCell } from './parts.tsx';
import { lookupCode, type StockLevel, useCreateVendorReturn, useLevels, useSuppliers } from './warehouse-api.ts';

type Row = StockLevel & { supplierId: string | null; price: number; quantity: number; unitCredit: number };

export function VendorReturnForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const create = useCreateVendorReturn();
  const suppliers = useSuppliers();
  const [supplierId, setSupplierId] = useState<string | undefined>(undefined);
  const [from, setFrom] = useState('DAMAGED');
  const [carrier, setCarrier] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const [note, setNote] = useState('');
  const [picked, setPicked] = useState<Record<string, { quantity: number; unitCredit: number }>>({});
  const levels = useLevels({ location: from }, open);
  const stocked = (levels.data?.data ?? []).filter((l) => l.onHand > 0);
  // Each product's supplier and price, to offer only the chosen supplier's goods.
  const products = useQueries({
    queries: stocked.map((l) => ({ queryKey: ['warehouse', 'lookup', l.sku], queryFn: () => lookupCode(l.sku), staleTime: 60_000 })),
  });
  const rows: Row[] = stocked.map((l, i) => {
    const product = products[i]?.data?.product;
    const choice = picked[l.sku];
    const price = product?.price ?? 0;
    return { ...l, supplierId: product?.supplierId ?? null, price, quantity: choice?.quantity ?? 0, unitCredit: choice?.unitCredit ?? price };
  });
  const mine = rows.filter((r) => r.supplierId === supplierId);
  const others = rows.filter((r) => r.supplierId !== supplierId).length;
  const lines = mine.filter((r) => r.quantity > 0);
  const expected = lines.reduce((s, r) => s + r.quantity * r.unitCredit, 0);

  useEffect(() => {
    if (!open) {
      setSupplierId(undefined);
      setFrom('DAMAGED');
      setCarrier('');
      setTrackingNumber('');
      setNote('');
      setPicked({});
    }
  }, [open]);

  const pick = (row: Row, patch: Partial<{ quantity: number; unitCredit: number }>) =>
    setPicked((p) => ({ ...p, [row.sku]: { quantity: row.quantity, unitCredit: row.unitCredit, ...patch } }));

  const submit = () => {
    if (!supplierId || lines.length === 0) return;
    create
      .mutateAsync({
        supplierId,
        fromLocation: from,
        currency: 'CNY',
        lines: lines.map((r) => ({ sku: r.sku, quantity: r.quantity, unitCredit: r.unitCredit })),
        ...(carrier.trim() ? { carrier: carrier.trim() } : {}),
        ...(trackingNumber.trim() ? { trackingNumber: trackingNumber.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      .then(
        (done) => {
          message.success(t('vendors.created', { number: done.number, amount: formatMoney(done.expectedCredit, done.currency) }));
          onClose();
        },
        (e: unknown) => message.error(errorText(t, e)),
      );
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={Math.min(820, window.innerWidth)}
      title={t('vendors.newTitle')}
      destroyOnHidden
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text>
            {t('vendors.expectedCredit')} <Money amount={expected} strong />
          </Typography.Text>
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
            <Button type="primary" disabled={!supplierId || lines.length === 0} loading={create.isPending} onClick={submit} data-testid="vendor-submit">
              {t('vendors.ship')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Form layout="vertical">
        <Flex gap={12} wrap>
          <Form.Item label={t('vendors.supplier')} required style={{ flex: '1 1 240px' }}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              value={supplierId}
              onChange={setSupplierId}
              placeholder={t('vendors.pickSupplier')}
              options={(suppliers.data?.data ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.code}` }))}
              data-testid="vendor-supplier"
            />
          </Form.Item>
          <Form.Item label={t('vendors.from')} required style={{ flex: '1 1 200px' }}>
            <LocationSelect value={from} onChange={setFrom} kinds={['damaged', 'quarantine']} />
          </Form.Item>
        </Flex>
      </Form>
      {supplierId && others > 0 ? <Alert type="info" showIcon title={t('vendors.othersHidden', { count: others })} style={{ marginBottom: 12 }} /> : null}
      <Table<Row>
        rowKey="sku"
        size="small"
        pagination={false}
        loading={levels.isLoading}
        dataSource={supplierId ? mine : []}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={supplierId ? t('vendors.nothingHere') : t('vendors.pickSupplierFirst')} />,
        }}
        columns={[
          { title: t('common.product'), key: 'product', render: (_, r) => <ProductCell name={r.productName} sku={r.sku} /> },
          { title: t('vendors.onHand'), dataIndex: 'onHand', width: 80, align: 'center' },
          {
            title: t('vendors.sendBack'),
            key: 'quantity',
            width: 110,
            render: (_, r) => (
              <InputNumber
                min={0}
                max={r.onHand}
                precision={0}
                value={r.quantity}
                onChange={(v) => pick(r, { quantity: Number(v ?? 0) })}
                style={{ width: 90 }}
              />
            ),
          },
          {
            title: t('vendors.unitCredit'),
            key: 'unitCredit',
            width: 140,
            render: (_, r) => (
              <InputNumber
                min={0}
                precision={2}
                prefix="¥"
                value={r.unitCredit / 100}
                onChange={(v) => pick(r, { unitCredit: Math.round(Number(v ?? 0) * 100) })}
                style={{ width: 120 }}
              />
            ),
          },
          { title: t('vendors.amount'), key: 'amount', width: 110, align: 'right', render: (_, r) => <Money amount={r.quantity * r.unitCredit} /> },
        ]}
      />
      <Form layout="vertical" style={{ marginTop: 16 }}>
        <Flex gap={12} wrap>
          <Form.Item label={t('dock.carrier')} style={{ flex: '1 1 180px' }}>
            <AutoComplete value={carrier} onChange={setCarrier} options={carriers.map((c) => ({ value: c }))} />
          </Form.Item>
          <Form.Item label={t('dock.trackingNumber')} style={{ flex: '1 1 200px' }}>
            <Input value={trackingNumber} onChange={(e) => setTrackingNumber(e.target.value)} maxLength={60} />
          </Form.Item>
        </Flex>
        <Form.Item label={t('common.note')}>
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
