/**
 * A return for a customer on the phone or in chat: find the order, pick lines, quantities
 * and reasons, see live what the policy says, submit.
 */
import { CheckCircleFilled, CloseCircleFilled, SendOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Flex, Input, InputNumber, Row, Select, Steps, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { OrderView, ReturnView } from '../../../api/types.ts';
import { api, errorText, idempotencyKey } from '../../api/client.ts';
import type { PolicyPreview } from '../../api/console-types.ts';
import { useCustomer } from '../../api/queries.ts';
import { formatDate } from '../../components/format.ts';
import { useLabels } from '../../components/labels.ts';
import { Money } from '../../components/money.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { OrderSearch } from './order-search.tsx';
import { type Channel, type Resolution, type ReturnKind, ReturnOptions } from './return-options.tsx';

type OrderLine = OrderView['lines'][number];
type Pick = { selected: boolean; quantity: number; reasonCode: string; note: string };

export default function CreateReturnPage() {
  const { t, i18n } = useTranslation('console');
  const { message } = App.useApp();
  const labels = useLabels();
  const navigate = useNavigate();
  const [order, setOrder] = useState<OrderView | null>(null);
  const [picks, setPicks] = useState<Record<string, Pick>>({});
  const [type, setType] = useState<ReturnKind>('return');
  const [resolution, setResolution] = useState<Resolution>('refund');
  const [channel, setChannel] = useState<Channel>('phone');
  const [busy, setBusy] = useState(false);
  const customer = useCustomer(order?.customerId);
  const defaultReason = labels.reasons[0]?.code ?? 'no_reason';

  function pickOrder(o: OrderView) {
    setOrder(o);
    setPicks(
      Object.fromEntries(o.lines.map((l) => [l.id, { selected: false, quantity: Math.max(1, l.returnableQuantity), reasonCode: defaultReason, note: '' }])),
    );
  }
  const setPick = (id: string, patch: Partial<Pick>) => setPicks((p) => ({ ...p, [id]: { ...(p[id] as Pick), ...patch } }));

  const chosen = useMemo(
    () =>
      Object.entries(picks)
        .filter(([, p]) => p.selected)
        .map(([orderLineId, p]) => ({ orderLineId, quantity: p.quantity, reasonCode: p.reasonCode, ...(p.note.trim() ? { note: p.note.trim() } : {}) })),
    [picks],
  );
  const previewBody = order && chosen.length > 0 ? { orderId: order.id, type, resolution, lines: chosen.map(({ note: _n, ...l }) => l) } : null;
  const preview = useQuery({
    queryKey: ['policy-preview', previewBody],
    queryFn: () => api.post<PolicyPreview>('policy/evaluate', previewBody),
    enabled: previewBody !== null,
    placeholderData: (previous) => previous,
  });
  const lineVerdict = new Map(preview.data?.lines.map((l) => [l.orderLineId, l]) ?? []);

  async function submit() {
    if (!order) return;
    setBusy(true);
    try {
      const created = await api.post<ReturnView>('returns', { orderId: order.id, type, resolution, channel, lines: chosen }, idempotencyKey());
      message.success(t('create.created', { number: created.number }));
      navigate(`/console/returns/${created.id}`);
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="page-create">
      <PageHeader title={t('create.title')} subtitle={t('create.subtitle')} />
      <Flex vertical gap={16}>
        <OrderSearch onPick={pickOrder} />
        {order ? null : (
          <Card size="small">
            <Steps
              size="small"
              current={0}
              style={{ padding: '16px 8px 8px' }}
              items={(['find', 'pick', 'check', 'submit'] as const).map((k) => ({ title: t(`create.guide.${k}.title`), content: t(`create.guide.${k}.text`) }))}
            />
          </Card>
        )}
        {order ? (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={17}>
              <Card title={t('create.step2', { number: order.number })} size="small">
                <Table<OrderLine>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={order.lines}
                  scroll={{ x: 760 }}
                  data-testid="create-lines"
                  columns={[
                    {
                      title: '',
                      key: 'pick',
                      width: 40,
                      render: (_, l) => (
                        <Checkbox
                          disabled={l.returnableQuantity === 0}
                          checked={picks[l.id]?.selected ?? false}
                          onChange={(e) => setPick(l.id, { selected: e.target.checked })}
                          data-testid={`pick-${l.sku}`}
                        />
                      ),
                    },
                    {
                      title: t('lines.item'),
                      key: 'item',
                      render: (_, l) => (
                        <div>
                          <Typography.Text strong>{l.name}</Typography.Text>
                          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                            {l.sku} · <Money amount={l.paidAmount} currency={order.currency} /> / {l.quantity}
                          </Typography.Text>
                        </div>
                      ),
                    },
                    {
                      title: t('create.returnable'),
                      dataIndex: 'returnableQuantity',
                      width: 80,
                      align: 'center',
                    },
                    {
                      title: t('create.quantity'),
                      key: 'qty',
                      width: 96,
                      render: (_, l) => (
                        <InputNumber
                          min={1}
                          max={Math.max(1, l.returnableQuantity)}
                          precision={0}
                          disabled={!picks[l.id]?.selected}
                          value={picks[l.id]?.quantity}
                          onChange={(v) => setPick(l.id, { quantity: Number(v ?? 1) })}
                          style={{ width: 72 }}
                        />
                      ),
                    },
                    {
                      title: t('create.reason'),
                      key: 'reason',
                      width: 170,
                      render: (_, l) => (
                        <Select
                          disabled={!picks[l.id]?.selected}
                          value={picks[l.id]?.reasonCode}
                          onChange={(reasonCode: string) => setPick(l.id, { reasonCode })}
                          options={labels.reasons.map((r) => ({ value: r.code, label: labels.reason(r.code) }))}
                          style={{ width: 150 }}
                        />
                      ),
                    },
                    {
                      title: t('create.verdict'),
                      key: 'verdict',
                      width: 190,
                      render: (_, l) => {
                        if (l.returnableQuantity === 0) return <Tag>{t('create.nothingLeft')}</Tag>;
                        const v = lineVerdict.get(l.id);
                        if (!picks[l.id]?.selected || !v) return <Typography.Text type="secondary">—</Typography.Text>;
                        return v.eligible ? (
                          <Typography.Text type="success" style={{ fontSize: 12 }}>
                            <CheckCircleFilled /> {v.deadline ? t('create.until', { date: formatDate(v.deadline, i18n.language) }) : t('create.eligible')}
                          </Typography.Text>
                        ) : (
                          <Typography.Text type="danger" style={{ fontSize: 12 }}>
                            <CloseCircleFilled /> {v.violations.map((x) => (labels.english ? x.messageEn : x.message)).join(t('sep.clause'))}
                          </Typography.Text>
                        );
                      },
                    },
                  ]}
                />
                <Flex vertical gap={8} style={{ marginTop: 12 }}>
                  {chosen.map((c) => {
                    const line = order.lines.find((l) => l.id === c.orderLineId);
                    return (
                      <Flex key={c.orderLineId} gap={8} align="center">
                        <Typography.Text ellipsis style={{ width: 180, flexShrink: 0 }}>
                          {line?.name}
                        </Typography.Text>
                        <Input
                          placeholder={t('create.notePlaceholder')}
                          value={picks[c.orderLineId]?.note}
                          onChange={(e) => setPick(c.orderLineId, { note: e.target.value })}
                          maxLength={500}
                        />
                      </Flex>
                    );
                  })}
                </Flex>
              </Card>
            </Col>
            <Col xs={24} xl={7}>
              <Flex vertical gap={16}>
                <ReturnOptions
                  value={{ type, resolution, channel }}
                  onChange={(next) => {
                    setType(next.type);
                    setResolution(next.resolution);
                    setChannel(next.channel);
                  }}
                />
                <Card title={t('create.policy')} size="small" data-testid="create-verdict">
                  {chosen.length === 0 ? (
                    <Typography.Text type="secondary">{t('create.pickLines')}</Typography.Text>
                  ) : preview.data ? (
                    <Flex vertical gap={10}>
                      {preview.data.eligible ? (
                        <Alert type="success" showIcon title={preview.data.outcome === 'approved' ? t('create.autoApprove') : t('create.needsReview')} />
                      ) : (
                        <Alert type="error" showIcon title={t('create.notEligible')} />
                      )}
                      <Flex justify="space-between">
                        <Typography.Text>{t('create.estimate')}</Typography.Text>
                        <Money amount={preview.data.estimatedRefund} currency={order.currency} strong />
                      </Flex>
                      {preview.data.returnless ? <Tag color="green">{t('detail.returnless')}</Tag> : null}
                    </Flex>
                  ) : preview.error ? (
                    <Typography.Text type="danger">{errorText(t, preview.error)}</Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">…</Typography.Text>
                  )}
                  <Button
                    type="primary"
                    block
                    size="large"
                    icon={<SendOutlined />}
                    style={{ marginTop: 16 }}
                    disabled={chosen.length === 0 || !preview.data?.eligible}
                    loading={busy}
                    onClick={() => void submit()}
                    data-testid="create-submit"
                  >
                    {t('create.submit')}
                  </Button>
                </Card>
                <Card title={t('create.customer')} size="small">
                  <Descriptions column={1} size="small">
                    <Descriptions.Item label={t('customers.name')}>{customer.data?.name ?? '…'}</Descriptions.Item>
                    <Descriptions.Item label={t('customers.phone')}>{customer.data?.phone ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('order.deliveredAt')}>{formatDate(order.deliveredAt, i18n.language)}</Descriptions.Item>
                    <Descriptions.Item label={t('customers.returns')}>{customer.data?.returnStats.returns ?? 0}</Descriptions.Item>
                  </Descriptions>
                </Card>
              </Flex>
            </Col>
          </Row>
        ) : null}
      </Flex>
    </div>
  );
}
