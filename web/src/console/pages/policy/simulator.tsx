/** The simulator: the draft policy tried on an existing order or a described one — what each line would get and why, before publishing. */
import { CheckCircleFilled, CloseCircleFilled, InfoCircleFilled, PlayCircleOutlined, PlusOutlined, QuestionCircleFilled } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Input, InputNumber, Row, Segmented, Select, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { useSimulate } from '../../api/policy-queries.ts';
import type { PolicyDraft, SimulateBody, Simulation } from '../../api/policy-types.ts';
import { Money } from '../../components/money.tsx';

const icons: Record<string, React.ReactNode> = {
  pass: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  approve: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  fail: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  review: <QuestionCircleFilled style={{ color: '#faad14' }} />,
  info: <InfoCircleFilled style={{ color: '#1677ff' }} />,
};

function Explained({ rules }: { rules: Simulation['rules'] }) {
  const { i18n } = useTranslation();
  return (
    <Flex vertical gap={6}>
      {rules.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: explanations are a fixed list for one result
        <Flex key={i} gap={8} align="flex-start">
          <span style={{ marginTop: 2 }}>{icons[r.outcome] ?? icons.info}</span>
          <Typography.Text>{i18n.language === 'en' ? r.messageEn : r.message}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

type LineRequest = { quantity: number; reasonCode: string; photos: number };
type DescribedLine = { sku: string; category: string; unitPrice: number; quantity: number };

export function Simulator({ draft }: { draft: PolicyDraft }) {
  const { t } = useTranslation('console');
  const { message } = App.useApp();
  const simulate = useSimulate();
  const [mode, setMode] = useState<'order' | 'described'>('order');
  const [orderNumber, setOrderNumber] = useState('');
  const [requests, setRequests] = useState<Record<string, LineRequest>>({});
  const [type, setType] = useState<'return' | 'refund_only'>('return');
  const [resolution, setResolution] = useState<'refund' | 'exchange' | 'store_credit'>('refund');
  const [grade, setGrade] = useState<'A' | 'B' | 'C' | 'D' | 'none'>('none');
  const [described, setDescribed] = useState({ channel: 'tmall', paymentMethod: 'alipay', deliveredDaysAgo: 2 });
  const [lines, setLines] = useState<DescribedLine[]>([{ sku: 'SKU-1', category: '服装', unitPrice: 9_900, quantity: 1 }]);
  const [customer, setCustomer] = useState({ tier: 'standard', returnCount: 0, returnRatePercent: 0, openReturns: 0 });
  const result = simulate.data;
  const reasonOptions = draft.reasons.flatMap((r) => [
    { value: r.code, label: r.label },
    ...(r.children ?? []).map((c) => ({ value: c.code, label: `${r.label} / ${c.label}` })),
  ]);

  async function run(withLines: boolean) {
    const requested =
      withLines && result
        ? result.order.lines.map((l) => ({
            orderLineId: l.id,
            ...(requests[l.id] ?? { quantity: 1, reasonCode: draft.reasons[0]?.code ?? 'no_reason', photos: 0 }),
          }))
        : undefined;
    const body: SimulateBody = {
      policy: draft,
      type,
      resolution,
      ...(grade === 'none' ? {} : { grade }),
      ...(mode === 'order' ? { orderNumber: orderNumber.trim() } : { order: { ...described, lines }, customer }),
      ...(requested ? { lines: requested } : {}),
    };
    try {
      const answer = await simulate.mutateAsync(body);
      if (!withLines) setRequests({});
      return answer;
    } catch (error) {
      message.error(errorText(t, error));
      return null;
    }
  }

  const request = (id: string): LineRequest => requests[id] ?? { quantity: 1, reasonCode: draft.reasons[0]?.code ?? 'no_reason', photos: 0 };
  const setRequest = (id: string, patch: Partial<LineRequest>) => setRequests({ ...requests, [id]: { ...request(id), ...patch } });

  return (
    <Row gutter={16}>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('policyEditor.sim.input')}>
          <Flex vertical gap={12}>
            <Segmented
              value={mode}
              options={[
                { value: 'order', label: t('policyEditor.sim.existing') },
                { value: 'described', label: t('policyEditor.sim.described') },
              ]}
              onChange={(v) => {
                setMode(v as 'order' | 'described');
                simulate.reset();
              }}
            />
            {mode === 'order' ? (
              <Input.Search
                data-testid="sim-order-number"
                placeholder={t('policyEditor.sim.orderNumber')}
                value={orderNumber}
                onChange={(e) => setOrderNumber(e.target.value)}
                enterButton={t('policyEditor.sim.load')}
                onSearch={() => void run(false)}
              />
            ) : (
              <Flex vertical gap={8}>
                <Flex gap={8} wrap>
                  <Input
                    prefix={<Typography.Text type="secondary">{t('policyEditor.fact.order.channel')}</Typography.Text>}
                    value={described.channel}
                    style={{ width: 200 }}
                    onChange={(e) => setDescribed({ ...described, channel: e.target.value })}
                  />
                  <Input
                    prefix={<Typography.Text type="secondary">{t('policyEditor.fact.order.paymentMethod')}</Typography.Text>}
                    value={described.paymentMethod}
                    style={{ width: 200 }}
                    onChange={(e) => setDescribed({ ...described, paymentMethod: e.target.value })}
                  />
                  <InputNumber
                    prefix={<Typography.Text type="secondary">{t('policyEditor.fact.order.daysSinceDelivery')}</Typography.Text>}
                    min={0}
                    precision={0}
                    value={described.deliveredDaysAgo}
                    onChange={(v) => setDescribed({ ...described, deliveredDaysAgo: v ?? 0 })}
                  />
                </Flex>
                {lines.map((line, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: described lines are edited in place
                  <Flex key={i} gap={8} wrap>
                    <Input
                      value={line.sku}
                      style={{ width: 110 }}
                      placeholder="SKU"
                      onChange={(e) => setLines(lines.map((l, j) => (j === i ? { ...l, sku: e.target.value } : l)))}
                    />
                    <Input
                      value={line.category}
                      style={{ width: 110 }}
                      placeholder={t('policyEditor.fact.line.category')}
                      onChange={(e) => setLines(lines.map((l, j) => (j === i ? { ...l, category: e.target.value } : l)))}
                    />
                    <InputNumber
                      prefix="¥"
                      min={0}
                      precision={2}
                      value={line.unitPrice / 100}
                      onChange={(v) => setLines(lines.map((l, j) => (j === i ? { ...l, unitPrice: Math.round((v ?? 0) * 100) } : l)))}
                    />
                    <InputNumber
                      min={1}
                      precision={0}
                      value={line.quantity}
                      style={{ width: 70 }}
                      onChange={(v) => setLines(lines.map((l, j) => (j === i ? { ...l, quantity: v ?? 1 } : l)))}
                    />
                  </Flex>
                ))}
                <Button
                  size="small"
                  type="dashed"
                  icon={<PlusOutlined />}
                  style={{ alignSelf: 'flex-start' }}
                  onClick={() => setLines([...lines, { sku: `SKU-${lines.length + 1}`, category: '服装', unitPrice: 9_900, quantity: 1 }])}
                >
                  {t('policyEditor.sim.addLine')}
                </Button>
                <Typography.Text strong>{t('policyEditor.group.customer')}</Typography.Text>
                <Flex gap={8} wrap>
                  <Input
                    prefix={<Typography.Text type="secondary">{t('policyEditor.fact.customer.tier')}</Typography.Text>}
                    value={customer.tier}
                    style={{ width: 180 }}
                    onChange={(e) => setCustomer({ ...customer, tier: e.target.value })}
                  />
                  <InputNumber
                    prefix={<Typography.Text type="secondary">{t('policyEditor.sim.returnRate')}</Typography.Text>}
                    suffix="%"
                    min={0}
                    max={100}
                    value={customer.returnRatePercent}
                    onChange={(v) => setCustomer({ ...customer, returnRatePercent: v ?? 0 })}
                  />
                  <InputNumber
                    prefix={<Typography.Text type="secondary">{t('policyEditor.sim.returnCount')}</Typography.Text>}
                    min={0}
                    precision={0}
                    value={customer.returnCount}
                    onChange={(v) => setCustomer({ ...customer, returnCount: v ?? 0 })}
                  />
                  <InputNumber
                    prefix={<Typography.Text type="secondary">{t('policyEditor.fact.customer.openReturns')}</Typography.Text>}
                    min={0}
                    precision={0}
                    value={customer.openReturns}
                    onChange={(v) => setCustomer({ ...customer, openReturns: v ?? 0 })}
                  />
                </Flex>
              </Flex>
            )}
            <Flex gap={8} wrap>
              <Select
                value={type}
                style={{ width: 170 }}
                options={(['return', 'refund_only'] as const).map((v) => ({ value: v, label: t(`common:type.${v}`) }))}
                onChange={setType}
              />
              <Select
                value={resolution}
                style={{ width: 160 }}
                options={(['refund', 'exchange', 'store_credit'] as const).map((v) => ({ value: v, label: t(`common:resolution.${v}`) }))}
                onChange={setResolution}
              />
              <Select
                data-testid="sim-grade"
                value={grade}
                style={{ width: 220 }}
                aria-label={t('policyEditor.sim.grade')}
                options={[
                  { value: 'none', label: t('policyEditor.sim.gradeNone') },
                  ...(['A', 'B', 'C', 'D'] as const).map((g) => ({ value: g, label: t('policyEditor.sim.gradeAs', { grade: g }) })),
                ]}
                onChange={setGrade}
              />
            </Flex>
            {result && mode === 'order' ? (
              <Flex vertical gap={8}>
                {result.order.lines.map((line) => (
                  <Flex key={line.id} gap={8} align="center" wrap data-testid={`sim-line-${line.sku}`}>
                    <Typography.Text style={{ width: 160 }} ellipsis>
                      {line.name}
                    </Typography.Text>
                    <InputNumber
                      min={1}
                      max={line.quantity}
                      precision={0}
                      value={request(line.id).quantity}
                      style={{ width: 70 }}
                      onChange={(v) => setRequest(line.id, { quantity: v ?? 1 })}
                    />
                    <Select
                      value={request(line.id).reasonCode}
                      style={{ width: 180 }}
                      options={reasonOptions}
                      onChange={(reasonCode) => setRequest(line.id, { reasonCode })}
                    />
                    <InputNumber
                      min={0}
                      max={9}
                      precision={0}
                      value={request(line.id).photos}
                      style={{ width: 110 }}
                      suffix={t('policyEditor.sim.photos')}
                      onChange={(v) => setRequest(line.id, { photos: v ?? 0 })}
                    />
                  </Flex>
                ))}
              </Flex>
            ) : null}
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              loading={simulate.isPending}
              data-testid="sim-run"
              disabled={mode === 'order' && !orderNumber.trim()}
              onClick={() => void run(mode === 'order' && Boolean(result))}
            >
              {t('policyEditor.sim.run')}
            </Button>
          </Flex>
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <SimulationResult result={result} insured={draft.shopShippingInsurance} />
      </Col>
    </Row>
  );
}

function SimulationResult({ result, insured }: { result: Simulation | undefined; insured: boolean }) {
  const { t } = useTranslation('console');
  if (!result) {
    return (
      <Card size="small">
        <Empty description={t('policyEditor.sim.empty')} />
      </Card>
    );
  }
  const names = new Map(result.order.lines.map((l) => [l.id, `${l.name} · ${l.sku}`]));
  const money = new Map(result.money.lines.map((l) => [l.orderLineId, l]));
  const finance = result.route.financeApprovalAbove !== null && result.estimatedRefund > result.route.financeApprovalAbove;
  return (
    <Card size="small" title={t('policyEditor.sim.result')} data-testid="sim-result">
      <Flex gap={6} wrap style={{ marginBottom: 12 }} data-testid="sim-verdict">
        <Tag color={result.eligible ? 'green' : 'red'}>{result.eligible ? t('policyEditor.sim.eligible') : t('policyEditor.sim.notEligible')}</Tag>
        {result.eligible ? <Tag color={result.outcome === 'approved' ? 'green' : 'orange'}>{t(`decision.${result.outcome}`)}</Tag> : null}
        {result.route.approvalsRequired > 1 ? <Tag color="purple">{t('policyEditor.sim.secondReview')}</Tag> : null}
        {!result.route.inspection && !result.returnless ? <Tag color="cyan">{t('policyEditor.sim.noInspection')}</Tag> : null}
        {finance ? <Tag color="gold">{t('policyEditor.sim.financeApproval')}</Tag> : null}
        {result.returnless ? <Tag color="blue">{t('policyEditor.outcome.returnless_refund')}</Tag> : null}
        {result.refundOnReceipt ? <Tag color="blue">{t('policyEditor.outcome.refund_on_receipt')}</Tag> : null}
        {result.money.approvalRequired && !finance ? <Tag color="gold">{t('policyEditor.sim.refundApproval')}</Tag> : null}
      </Flex>
      <MoneySummary money={result.money} insured={insured} />
      <Flex vertical gap={12}>
        {result.lines.map((line) => (
          <Card
            key={line.orderLineId}
            size="small"
            type="inner"
            title={names.get(line.orderLineId) ?? line.orderLineId}
            extra={<Tag color={line.eligible ? 'green' : 'red'}>{line.eligible ? '✓' : '✗'}</Tag>}
          >
            <Descriptions size="small" column={{ xs: 1, sm: 2, xxl: 3 }} items={lineItems(t, line, money.get(line.orderLineId))} />
            <Explained rules={result.rules.filter((r) => r.orderLineId === line.orderLineId)} />
          </Card>
        ))}
        <Explained rules={result.rules.filter((r) => !r.orderLineId)} />
      </Flex>
    </Card>
  );
}

type SimMoney = Simulation['money'];

function lineItems(t: TFunction<'console'>, line: Simulation['lines'][number], money: SimMoney['lines'][number] | undefined) {
  return [
    { key: 'value', label: t('policyEditor.sim.value'), children: <Money amount={line.estimatedValue} /> },
    { key: 'fee', label: t('policyEditor.sim.fee'), children: <Money amount={money?.restockingFee ?? line.estimatedFee} /> },
    { key: 'gradeFee', label: t('policyEditor.sim.gradeFee'), children: <Money amount={money?.gradeFee ?? 0} /> },
    { key: 'postage', label: t('policyEditor.sim.postage'), children: <Money amount={money?.returnShipping ?? 0} /> },
    { key: 'refund', label: t('policyEditor.sim.lineRefund'), children: money ? <Money amount={money.refund} strong /> : '—' },
    { key: 'payer', label: t('policyEditor.sim.shipping'), children: t(`policyEditor.payer.${line.terms.shippingPaidBy}`) },
    { key: 'deadline', label: t('policyEditor.sim.deadline'), children: line.deadline ?? '—' },
  ];
}

/** The refund the draft would pay, with the money settings' part in it. */
function MoneySummary({ money, insured }: { money: SimMoney; insured: boolean }) {
  const { t } = useTranslation('console');
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      style={{ marginBottom: 12 }}
      data-testid="sim-money"
      items={[
        {
          key: 'refund',
          label: money.grade ? t('policyEditor.sim.refundAtGrade', { grade: money.grade }) : t('policyEditor.sim.estimated'),
          children: <Money amount={money.refund} strong />,
        },
        {
          key: 'postage',
          label: t('policyEditor.sim.postagePayer'),
          children:
            money.returnShippingPayer === 'customer' && money.returnShipping > 0 ? (
              <>
                {t('policyEditor.payer.customer')} · {t('policyEditor.sim.deducted')} <Money amount={money.returnShipping} />
              </>
            ) : (
              t(`policyEditor.sim.payerKind.${money.returnShippingPayer === 'customer' && insured ? 'insured' : money.returnShippingPayer}`)
            ),
        },
        { key: 'bonus', label: t('policyEditor.sim.storeCreditBonus'), children: <Money amount={money.storeCreditBonus} /> },
        {
          key: 'approval',
          label: t('policyEditor.sim.approvalLimit'),
          children:
            money.approvalLimit === null ? (
              t('policyEditor.sim.noApproval')
            ) : (
              <>
                <Money amount={money.approvalLimit} /> ·{' '}
                {money.approvalRequired ? t('policyEditor.sim.approvalNeeded') : t('policyEditor.sim.approvalNotNeeded')}
              </>
            ),
        },
      ]}
    />
  );
}
