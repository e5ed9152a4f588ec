/**
 * New stock documents: a transfer between locations or warehouses, and an adjustment
 * under a reason code. Products are scanned or typed; every line posts, or none.
 */
import { ArrowRightOutlined, DeleteOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Empty, Flex, Form, Input, InputNumber, Segmented, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { LocationSelect, ProductCell, ProductScan } from './parts.tsx';
import { type CodeLookup, useAdjustmentDocument, useReasonCodes, useTransfer } from './warehouse-api.ts';

type Line = {
  key: string;
  sku: string;
  name: string;
  tracking: string;
  levels: CodeLookup['levels'];
  from: string;
  to: string;
  quantity: number;
  sign: 1 | -1;
  lot: string;
};

function newLine(found: CodeLookup, sign: 1 | -1): Line {
  const stocked = [...found.levels].sort((a, b) => b.onHand - a.onHand)[0];
  return {
    key: `${found.product.sku}-${Date.now()}`,
    sku: found.product.sku,
    name: found.product.name,
    tracking: found.product.tracking,
    levels: found.levels,
    from: stocked && stocked.onHand > 0 ? stocked.location : 'MAIN',
    to: '',
    quantity: 1,
    sign,
    lot: '',
  };
}

const onHandAt = (line: Line, code: string) => line.levels.find((l) => l.location === code)?.onHand ?? 0;

export type StockDocumentFormProps = { kind: 'transfer' | 'adjustment' | null; onClose: () => void };

export function StockDocumentForm({ kind, onClose }: StockDocumentFormProps) {
  const { t, i18n } = useTranslation('warehouse');
  const { message } = App.useApp();
  const transfer = useTransfer();
  const adjust = useAdjustmentDocument();
  const reasons = useReasonCodes();
  const [lines, setLines] = useState<Line[]>([]);
  const [reasonCode, setReasonCode] = useState<string | undefined>(undefined);
  const [note, setNote] = useState('');
  const reason = reasons.data?.data.find((r) => r.code === reasonCode);
  const fixedSign: 1 | -1 | null = reason?.direction === 'in' ? 1 : reason?.direction === 'out' ? -1 : null;
  const update = (key: string, patch: Partial<Line>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const english = i18n.language === 'en';

  const close = () => {
    setLines([]);
    setReasonCode(undefined);
    setNote('');
    onClose();
  };

  const problems = lines.filter((l) => (kind === 'transfer' ? !l.from || !l.to || l.from === l.to : !l.to) || l.quantity < 1);
  const ready = lines.length > 0 && problems.length === 0 && (kind === 'transfer' || Boolean(reasonCode));
  const lot = (l: Line) => (l.lot.trim() ? { lot: l.lot.trim() } : {});

  const submit = () => {
    if (!ready) return;
    const done = (document: { number: string }) => {
      message.success(t('moves.posted', { number: document.number }));
      close();
    };
    const failed = (e: unknown) => message.error(errorText(t, e));
    const noteBody = note.trim() ? { note: note.trim() } : {};
    if (kind === 'transfer') {
      transfer
        .mutateAsync({ ...noteBody, lines: lines.map((l) => ({ sku: l.sku, fromLocation: l.from, toLocation: l.to, quantity: l.quantity, ...lot(l) })) })
        .then(done, failed);
    } else if (reasonCode) {
      adjust
        .mutateAsync({
          reasonCode,
          ...noteBody,
          lines: lines.map((l) => ({ sku: l.sku, location: l.to, quantity: (fixedSign ?? l.sign) * l.quantity, ...lot(l) })),
        })
        .then(done, failed);
    }
  };

  const locationColumns =
    kind === 'transfer'
      ? [
          {
            title: t('moves.from'),
            key: 'from',
            width: 216,
            render: (_: unknown, l: Line) => (
              <Flex vertical gap={2}>
                <LocationSelect value={l.from} onChange={(v) => update(l.key, { from: v })} style={{ width: 200 }} testId={`transfer-from-${l.sku}`} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('moves.onHand', { count: onHandAt(l, l.from) })}
                </Typography.Text>
              </Flex>
            ),
          },
          { key: 'arrow', width: 24, render: () => <ArrowRightOutlined style={{ color: '#8c8c8c' }} /> },
          {
            title: t('moves.to'),
            key: 'to',
            width: 216,
            render: (_: unknown, l: Line) => (
              <LocationSelect value={l.to || undefined} onChange={(v) => update(l.key, { to: v })} style={{ width: 200 }} testId={`transfer-to-${l.sku}`} />
            ),
          },
        ]
      : [
          {
            title: t('common.location'),
            key: 'to',
            width: 200,
            render: (_: unknown, l: Line) => (
              <Flex vertical gap={2}>
                <LocationSelect value={l.to || undefined} onChange={(v) => update(l.key, { to: v })} style={{ width: 180 }} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {l.to ? t('moves.onHand', { count: onHandAt(l, l.to) }) : ' '}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('moves.direction'),
            key: 'sign',
            width: 140,
            render: (_: unknown, l: Line) => (
              <Segmented
                size="small"
                value={fixedSign ?? l.sign}
                disabled={fixedSign !== null}
                onChange={(v) => update(l.key, { sign: v as 1 | -1 })}
                options={[
                  { value: 1, label: t('moves.add') },
                  { value: -1, label: t('moves.remove') },
                ]}
              />
            ),
          },
        ];

  return (
    <Drawer
      open={kind !== null}
      onClose={close}
      title={kind ? t(`moves.new.${kind}`) : ''}
      size={Math.min(900, window.innerWidth)}
      destroyOnHidden
      data-testid="stock-document-form"
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">{t('moves.summary', { lines: lines.length, count: lines.reduce((s, l) => s + l.quantity, 0) })}</Typography.Text>
          <Flex gap={8}>
            <Button onClick={close}>{t('common:actions.cancel')}</Button>
            <Button type="primary" disabled={!ready} loading={transfer.isPending || adjust.isPending} onClick={submit} data-testid="stock-document-submit">
              {t('moves.post')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Form layout="vertical">
        {kind === 'adjustment' ? (
          <Form.Item label={t('moves.reason')} required extra={reason ? t(`moves.reasonDirection.${reason.direction}`) : t('moves.reasonHint')}>
            <Select
              value={reasonCode}
              onChange={setReasonCode}
              showSearch={{ optionFilterProp: 'search' }}
              placeholder={t('moves.pickReason')}
              data-testid="adjust-reason"
              options={(reasons.data?.data ?? []).map((r) => ({
                value: r.code,
                search: `${r.code} ${r.name} ${r.nameEn ?? ''}`,
                label: (
                  <Flex justify="space-between" gap={8}>
                    <span>{english ? (r.nameEn ?? r.name) : r.name}</span>
                    <Tag style={{ marginInlineEnd: 0 }}>{t(`moves.directionShort.${r.direction}`)}</Tag>
                  </Flex>
                ),
              }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item label={t('moves.lines')} required>
          <ProductScan
            onFound={(found) => setLines((ls) => [...ls, { ...newLine(found, fixedSign ?? 1), to: kind === 'adjustment' ? 'MAIN' : '' }])}
            testId="stock-document-scan"
          />
        </Form.Item>
      </Form>
      <Table<Line>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={lines}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('moves.linesEmpty')} /> }}
        columns={[
          { title: t('common.product'), key: 'product', render: (_, l) => <ProductCell name={l.name} sku={l.sku} /> },
          ...locationColumns,
          {
            title: t('common.quantity'),
            key: 'quantity',
            width: 100,
            render: (_, l) => (
              <InputNumber
                min={1}
                precision={0}
                value={l.quantity}
                onChange={(v) => update(l.key, { quantity: Number(v ?? 1) })}
                style={{ width: 84 }}
                data-testid={`document-qty-${l.sku}`}
              />
            ),
          },
          {
            title: t('common.lot'),
            key: 'lot',
            width: 120,
            render: (_, l) =>
              l.tracking === 'none' ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                <Input value={l.lot} onChange={(e) => update(l.key, { lot: e.target.value })} placeholder={t(`common.tracking.${l.tracking}`)} />
              ),
          },
          {
            key: 'remove',
            width: 44,
            render: (_, l) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.remove')}
                onClick={() => setLines((ls) => ls.filter((x) => x !== l))}
              />
            ),
          },
        ]}
      />
      <Form layout="vertical" style={{ marginTop: 16 }}>
        <Form.Item label={t('common.note')}>
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
