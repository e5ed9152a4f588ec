/**
 * Registering a parcel that came without a return (拒收 refused, 无主件 unidentified): the
 * tracking number and carrier, then its contents scanned or typed line by line; the units
 * go into the returns zone at once.
 */
import { DeleteOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Drawer, Empty, Flex, Form, Input, InputNumber, Radio, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { LocationSelect, ProductCell, ProductScan } from './parts.tsx';
import { type CodeLookup, type ParcelView, useRegisterParcel } from './warehouse-api.ts';

/** Carriers Chinese shops use most, offered as you type (any name is taken). */
export const carriers = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '申通快递', '京东物流', '中国邮政 EMS', '极兔速递', '德邦快递'];

type ContentLine = { key: string; sku: string; name: string; tracking: string; quantity: number; lot: string };

export type ParcelRegisterProps = { open: boolean; onClose: () => void; onDone: (parcel: ParcelView) => void };

export function ParcelRegister({ open, onClose, onDone }: ParcelRegisterProps) {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const register = useRegisterParcel();
  const [kind, setKind] = useState<'refused' | 'unidentified'>('refused');
  const [carrier, setCarrier] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const [location, setLocation] = useState('RETURNS');
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<ContentLine[]>([]);
  const [tried, setTried] = useState(false);

  const reset = () => {
    setKind('refused');
    setCarrier('');
    setTrackingNumber('');
    setLocation('RETURNS');
    setNote('');
    setLines([]);
    setTried(false);
  };

  // Scanning the same product again adds one unit to its line.
  const add = ({ product }: CodeLookup) =>
    setLines((ls) => {
      const same = ls.find((l) => l.sku === product.sku && !l.lot);
      if (same) return ls.map((l) => (l === same ? { ...l, quantity: l.quantity + 1 } : l));
      return [...ls, { key: `${product.sku}-${Date.now()}`, sku: product.sku, name: product.name, tracking: product.tracking, quantity: 1, lot: '' }];
    });
  const update = (key: string, patch: Partial<ContentLine>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const units = lines.reduce((s, l) => s + l.quantity, 0);
  const valid = carrier.trim() && trackingNumber.trim() && lines.length > 0;

  const submit = () => {
    setTried(true);
    if (!valid) return;
    register
      .mutateAsync({
        kind,
        carrier: carrier.trim(),
        trackingNumber: trackingNumber.trim(),
        location,
        contents: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, ...(l.lot.trim() ? { lot: l.lot.trim() } : {}) })),
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      .then(
        (parcel) => {
          message.success(t('dock.registered', { number: parcel.number, count: units }));
          reset();
          onDone(parcel);
        },
        (e: unknown) => message.error(errorText(t, e)),
      );
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('dock.registerTitle')}
      size="large"
      destroyOnHidden
      data-testid="parcel-register"
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">{t('dock.registerSummary', { lines: lines.length, count: units })}</Typography.Text>
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
            <Button type="primary" loading={register.isPending} onClick={submit} data-testid="parcel-register-submit">
              {t('dock.registerSubmit')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Alert type="info" showIcon title={t('dock.registerHint')} style={{ marginBottom: 16 }} />
      <Form layout="vertical" requiredMark="optional">
        <Form.Item label={t('dock.kind')} required>
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value as typeof kind)}
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'refused', label: t('dock.kinds.refused') },
              { value: 'unidentified', label: t('dock.kinds.unidentified') },
            ]}
          />
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 12 }}>
            {t(`dock.kindHint.${kind}`)}
          </Typography.Text>
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            label={t('dock.trackingNumber')}
            required
            style={{ flex: '1 1 220px' }}
            validateStatus={tried && !trackingNumber.trim() ? 'error' : undefined}
            help={tried && !trackingNumber.trim() ? t('dock.trackingRequired') : undefined}
          >
            <Input value={trackingNumber} onChange={(e) => setTrackingNumber(e.target.value)} autoFocus data-testid="parcel-tracking" maxLength={60} />
          </Form.Item>
          <Form.Item
            label={t('dock.carrier')}
            required
            style={{ flex: '1 1 180px' }}
            validateStatus={tried && !carrier.trim() ? 'error' : undefined}
            help={tried && !carrier.trim() ? t('dock.carrierRequired') : undefined}
          >
            <AutoComplete
              value={carrier}
              onChange={setCarrier}
              options={carriers.map((c) => ({ value: c }))}
              showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
              data-testid="parcel-carrier"
            />
          </Form.Item>
          <Form.Item label={t('dock.holdIn')} style={{ flex: '1 1 160px' }}>
            <LocationSelect value={location} onChange={setLocation} kinds={['returns']} />
          </Form.Item>
        </Flex>
        <Form.Item
          label={t('dock.contents')}
          required
          validateStatus={tried && lines.length === 0 ? 'error' : undefined}
          help={tried && lines.length === 0 ? t('dock.contentsRequired') : undefined}
        >
          <ProductScan onFound={add} testId="parcel-scan" />
        </Form.Item>
        <Table<ContentLine>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={lines}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dock.contentsEmpty')} /> }}
          style={{ marginBottom: 16 }}
          columns={[
            { title: t('common.product'), key: 'product', render: (_, l) => <ProductCell name={l.name} sku={l.sku} /> },
            {
              title: t('common.quantity'),
              key: 'quantity',
              width: 110,
              render: (_, l) => (
                <InputNumber
                  min={1}
                  max={100000}
                  precision={0}
                  value={l.quantity}
                  onChange={(v) => update(l.key, { quantity: Number(v ?? 1) })}
                  style={{ width: 90 }}
                  data-testid={`parcel-qty-${l.sku}`}
                />
              ),
            },
            {
              title: t('common.lot'),
              key: 'lot',
              width: 140,
              render: (_, l) =>
                l.tracking === 'none' ? (
                  <Typography.Text type="secondary">—</Typography.Text>
                ) : (
                  <Input value={l.lot} onChange={(e) => update(l.key, { lot: e.target.value })} placeholder={t(`common.tracking.${l.tracking}`)} />
                ),
            },
            {
              key: 'remove',
              width: 48,
              render: (_, l) => (
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.remove')}
                  onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
                />
              ),
            },
          ]}
        />
        <Form.Item label={t('common.note')}>
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={500} placeholder={t('dock.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
