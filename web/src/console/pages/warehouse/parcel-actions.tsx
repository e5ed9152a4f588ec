/**
 * What happens to a parcel held at the dock: matched to the return it belongs to (its
 * units count as that return's receipt) or linked to an order (a refused delivery), or
 * released without a return — put away in a location or sent out of stock.
 */
import { LinkOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Empty, Flex, Form, Input, InputNumber, Modal, Radio, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../../api/http.ts';
import type { OrderView, Page } from '../../../api/types.ts';
import { api, errorText } from '../../api/client.ts';
import type { ConsoleReturnPage } from '../../api/console-types.ts';
import { LocationSelect, ProductCell } from './parts.tsx';
import { type ParcelLine, type ParcelView, useMatchParcel, useReleaseParcel } from './warehouse-api.ts';

/** Returns (by number, tracking number, order number, phone or name) and the order with that exact number. */
function useMatchCandidates(term: string) {
  return useQuery({
    queryKey: ['warehouse', 'match-candidates', term],
    enabled: term.length > 0,
    queryFn: async ({ signal }) => {
      const [returns, orders] = await Promise.all([
        api.get<ConsoleReturnPage>(`console/returns${query({ q: term, pageSize: 8 })}`, signal),
        api.get<Page<OrderView>>(`orders${query({ number: term, limit: 1 })}`, signal).catch(() => ({ data: [], nextCursor: null })),
      ]);
      return { returns: returns.data, order: orders.data[0] ?? null };
    },
  });
}

const receivable = new Set(['approved', 'in_transit', 'received']);

export function ParcelMatch({ parcel, onClose }: { parcel: ParcelView | null; onClose: () => void }) {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const match = useMatchParcel();
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  const [choice, setChoice] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const candidates = useMatchCandidates(term);

  useEffect(() => {
    const start = parcel?.trackingNumber ?? '';
    setInput(start);
    setTerm(start);
    setChoice(null);
    setNote('');
  }, [parcel]);

  const returns = candidates.data?.returns ?? [];
  const order = candidates.data?.order ?? null;
  const submit = () => {
    if (!parcel || !choice) return;
    const [kind, id] = choice.split(':') as ['return' | 'order', string];
    match.mutateAsync({ id: parcel.id, ...(kind === 'return' ? { returnId: id } : { orderId: id }), ...(note.trim() ? { note: note.trim() } : {}) }).then(
      (done) => {
        message.success(
          kind === 'return'
            ? t('dock.matchedReturn', { number: done.matchedReturn?.number ?? '' })
            : t('dock.matchedOrder', { number: done.matchedOrder?.number ?? '' }),
        );
        onClose();
      },
      (e: unknown) => message.error(errorText(t, e)),
    );
  };

  return (
    <Modal
      open={parcel !== null}
      onCancel={onClose}
      onOk={submit}
      title={t('dock.matchTitle', { number: parcel?.number ?? '' })}
      okText={t('dock.match')}
      okButtonProps={{ disabled: !choice, 'data-testid': 'match-confirm' }}
      confirmLoading={match.isPending}
      width={720}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('dock.matchHint')}{' '}
        {parcel?.lines.map((l) => (
          <Tag key={l.id}>
            {l.productName} × {l.waitingQuantity}
          </Tag>
        ))}
      </Typography.Paragraph>
      <Input.Search
        value={input}
        onChange={(e) => setInput(e.target.value)}
        onSearch={(v) => {
          setTerm(v.trim());
          setChoice(null);
        }}
        enterButton={<SearchOutlined />}
        placeholder={t('dock.matchSearch')}
        data-testid="match-search"
        style={{ marginBottom: 12 }}
      />
      <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value as string)} style={{ width: '100%' }}>
        <Flex vertical gap={8}>
          {returns.map((r) => (
            <Radio key={r.id} value={`return:${r.id}`} data-testid={`match-return-${r.number}`} disabled={!receivable.has(r.status)}>
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{r.number}</Typography.Text>
                <Tag color={receivable.has(r.status) ? 'blue' : 'default'}>{t(`common:status.${r.status}`, { defaultValue: r.status })}</Tag>
                <Typography.Text>{r.customerName}</Typography.Text>
                <Typography.Text type="secondary">
                  {r.firstItemName} · {t('dock.units', { count: r.units })} · {t('dock.orderNo', { number: r.orderNumber })}
                </Typography.Text>
                {r.trackingNumber && r.trackingNumber === parcel?.trackingNumber ? <Tag color="green">{t('dock.sameTracking')}</Tag> : null}
              </Flex>
            </Radio>
          ))}
          {order ? (
            <Radio value={`order:${order.id}`} data-testid={`match-order-${order.number}`}>
              <Flex gap={8} align="center" wrap>
                <LinkOutlined />
                <Typography.Text strong>{t('dock.linkOrder', { number: order.number })}</Typography.Text>
                <Typography.Text type="secondary">{t('dock.linkOrderHint')}</Typography.Text>
              </Flex>
            </Radio>
          ) : null}
        </Flex>
      </Radio.Group>
      {term && !candidates.isFetching && returns.length === 0 && !order ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dock.matchNone', { term })} />
      ) : null}
      <Input.TextArea
        value={note}
        onChange={(e) => setNote(e.target.value)}
        rows={2}
        maxLength={500}
        placeholder={t('common.notePlaceholder')}
        style={{ marginTop: 12 }}
      />
    </Modal>
  );
}

type ReleaseRow = ParcelLine & { release: number; toLocation: string };

export function ParcelRelease({ parcel, onClose }: { parcel: ParcelView | null; onClose: () => void }) {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const release = useReleaseParcel();
  const [rows, setRows] = useState<ReleaseRow[]>([]);
  const [reason, setReason] = useState('');

  useEffect(() => {
    setRows((parcel?.lines ?? []).filter((l) => l.waitingQuantity > 0).map((l) => ({ ...l, release: l.waitingQuantity, toLocation: 'MAIN' })));
    setReason('');
  }, [parcel]);

  const update = (id: string, patch: Partial<ReleaseRow>) => setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const lines = rows.filter((r) => r.release > 0);
  const submit = () => {
    if (!parcel || lines.length === 0 || !reason.trim()) return;
    release
      .mutateAsync({
        id: parcel.id,
        body: { reason: reason.trim(), lines: lines.map((r) => ({ sku: r.sku, quantity: r.release, toLocation: r.toLocation || null })) },
      })
      .then(
        () => {
          message.success(t('dock.released', { number: parcel.number }));
          onClose();
        },
        (e: unknown) => message.error(errorText(t, e)),
      );
  };

  return (
    <Modal
      open={parcel !== null}
      onCancel={onClose}
      onOk={submit}
      title={t('dock.releaseTitle', { number: parcel?.number ?? '' })}
      okText={t('dock.release')}
      okButtonProps={{ disabled: lines.length === 0 || !reason.trim(), 'data-testid': 'release-confirm' }}
      confirmLoading={release.isPending}
      width={720}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('dock.releaseHint')} style={{ marginBottom: 12 }} />
      <Table<ReleaseRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('common.product'), key: 'product', render: (_, r) => <ProductCell name={r.productName} sku={r.sku} /> },
          { title: t('dock.waiting'), dataIndex: 'waitingQuantity', width: 80, align: 'center' },
          {
            title: t('dock.releaseQty'),
            key: 'release',
            width: 110,
            render: (_, r) => (
              <InputNumber min={0} max={r.waitingQuantity} precision={0} value={r.release} onChange={(v) => update(r.id, { release: Number(v ?? 0) })} />
            ),
          },
          {
            title: t('dock.releaseTo'),
            key: 'to',
            width: 220,
            render: (_, r) => <LocationSelect value={r.toLocation} onChange={(v) => update(r.id, { toLocation: v })} allowOut style={{ width: 200 }} />,
          },
        ]}
      />
      <Form layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item label={t('dock.releaseReason')} required>
          <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder={t('dock.releaseReasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
