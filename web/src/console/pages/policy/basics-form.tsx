/** The policy's basic settings: windows, auto-approval, fees, approval limit, excepted categories and who pays return shipping. */
import { Card, Col, Flex, Form, InputNumber, Radio, Row, Select, Switch, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRuleOptions } from '../../api/policy-queries.ts';
import type { PolicyDraft } from '../../api/policy-types.ts';
import { GradeAndPostageCard, TrustAndDeadlineCard, timeZones } from './basics-money.tsx';

type BasicsFormProps = { draft: PolicyDraft; onChange: (patch: Partial<PolicyDraft>) => void };

const yuan = (fen: number | null) => (fen === null ? null : fen / 100);
const fen = (value: number | null) => (value === null ? null : Math.round(value * 100));

/** A money amount that may be switched off (null). */
function OptionalMoney({ value, onChange, testId }: { value: number | null; onChange: (v: number | null) => void; testId: string }) {
  const { t } = useTranslation('console');
  return (
    <Flex gap={8} align="center">
      <Switch size="small" checked={value !== null} onChange={(on) => onChange(on ? 50_000 : null)} data-testid={`${testId}-on`} />
      {value === null ? (
        <Typography.Text type="secondary">{t('policyEditor.off')}</Typography.Text>
      ) : (
        <InputNumber data-testid={testId} prefix="¥" min={0} precision={2} value={yuan(value)} onChange={(v) => onChange(fen(v) ?? 0)} />
      )}
    </Flex>
  );
}

function Field({ label, help, children }: { label: string; help?: string; children: ReactNode }) {
  return (
    <Form.Item label={label} extra={help} style={{ marginBottom: 16 }}>
      {children}
    </Form.Item>
  );
}

export function BasicsForm({ draft, onChange }: BasicsFormProps) {
  const { t } = useTranslation('console');
  const options = useRuleOptions();
  const days = (key: 'returnWindowDays' | 'faultRefundDays' | 'faultExchangeDays') => (
    <InputNumber min={0} max={3650} precision={0} suffix={t('policyEditor.unit.days')} value={draft[key]} onChange={(v) => onChange({ [key]: v ?? 0 })} />
  );
  return (
    <Form layout="vertical">
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('policyEditor.basics.windows')} style={{ marginBottom: 16 }}>
            <Row gutter={12}>
              <Col span={8}>
                <Field label={t('policyEditor.basics.returnWindowDays')}>{days('returnWindowDays')}</Field>
              </Col>
              <Col span={8}>
                <Field label={t('policyEditor.basics.faultRefundDays')}>{days('faultRefundDays')}</Field>
              </Col>
              <Col span={8}>
                <Field label={t('policyEditor.basics.faultExchangeDays')}>{days('faultExchangeDays')}</Field>
              </Col>
            </Row>
            <Field label={t('policyEditor.basics.timeZone')} help={t('policyEditor.basics.timeZoneHelp')}>
              <Select
                value={draft.timeZone}
                style={{ width: 240 }}
                options={[...new Set([draft.timeZone, ...timeZones])].map((z) => ({ value: z, label: z }))}
                onChange={(timeZone: string) => onChange({ timeZone })}
              />
            </Field>
            <Field label={t('policyEditor.basics.nonReturnableCategories')}>
              <Select
                mode="tags"
                value={draft.nonReturnableCategories}
                options={(options.data?.categories ?? []).map((c) => ({ value: c, label: c }))}
                onChange={(nonReturnableCategories: string[]) => onChange({ nonReturnableCategories })}
              />
            </Field>
            <Field label={t('policyEditor.basics.nonReturnableScope')} help={t('policyEditor.basics.nonReturnableScopeHelp')}>
              <Radio.Group
                value={draft.nonReturnableScope}
                onChange={(e) => onChange({ nonReturnableScope: e.target.value })}
                options={[
                  { value: 'all_reasons', label: t('policyEditor.basics.scopeAll') },
                  { value: 'no_reason_only', label: t('policyEditor.basics.scopeNoReason') },
                ]}
              />
            </Field>
          </Card>
          <Card size="small" title={t('policyEditor.basics.offer')} style={{ marginBottom: 16 }}>
            <Flex gap={24} wrap>
              {(['refund', 'exchange', 'storeCredit', 'refundOnly'] as const).map((k) => (
                <Flex key={k} gap={8} align="center">
                  <Switch size="small" checked={draft.offer[k]} onChange={(on) => onChange({ offer: { ...draft.offer, [k]: on } })} />
                  {t(`policyEditor.basics.offerKind.${k}`)}
                </Flex>
              ))}
            </Flex>
          </Card>
          <TrustAndDeadlineCard draft={draft} onChange={onChange} />
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('policyEditor.basics.review')} style={{ marginBottom: 16 }}>
            <Field label={t('policyEditor.basics.autoApprove')} help={t('policyEditor.basics.autoApproveHelp')}>
              <Flex gap={8} align="center" wrap>
                <Switch
                  data-testid="basics-auto-approve"
                  checked={draft.autoApprove.enabled}
                  onChange={(enabled) => onChange({ autoApprove: { ...draft.autoApprove, enabled } })}
                />
                <Typography.Text type="secondary">{t('policyEditor.basics.upTo')}</Typography.Text>
                <OptionalMoney
                  testId="basics-auto-max"
                  value={draft.autoApprove.maxAmount}
                  onChange={(maxAmount) => onChange({ autoApprove: { ...draft.autoApprove, maxAmount } })}
                />
              </Flex>
            </Field>
            <Field label={t('policyEditor.basics.autoApproveRefundOnly')}>
              <Switch checked={draft.autoApproveRefundOnly} onChange={(autoApproveRefundOnly) => onChange({ autoApproveRefundOnly })} />
            </Field>
            <Field label={t('policyEditor.basics.refundOnReceipt')}>
              <Switch checked={draft.refundOnReceipt} onChange={(refundOnReceipt) => onChange({ refundOnReceipt })} />
            </Field>
          </Card>
          <Card size="small" title={t('policyEditor.basics.money')} style={{ marginBottom: 16 }}>
            <Row gutter={12}>
              <Col span={12}>
                <Field
                  label={t('policyEditor.basics.restockingFeePercent')}
                  help={draft.preset === 'consumer_7day' || draft.preset === 'quality_sanbao' ? t('policyEditor.basics.consumerFee') : undefined}
                >
                  <InputNumber
                    min={0}
                    max={100}
                    precision={1}
                    suffix="%"
                    value={draft.restockingFeePercent}
                    onChange={(v) => onChange({ restockingFeePercent: v ?? 0 })}
                  />
                </Field>
              </Col>
              <Col span={12}>
                <Field label={t('policyEditor.basics.refundApprovalLimit')}>
                  <OptionalMoney
                    testId="basics-approval"
                    value={draft.refundApprovalLimit}
                    onChange={(refundApprovalLimit) => onChange({ refundApprovalLimit })}
                  />
                </Field>
              </Col>
              <Col span={12}>
                <Field label={t('policyEditor.basics.returnlessMaxAmount')}>
                  <OptionalMoney
                    testId="basics-returnless"
                    value={draft.returnlessMaxAmount}
                    onChange={(returnlessMaxAmount) => onChange({ returnlessMaxAmount })}
                  />
                </Field>
              </Col>
              <Col span={12}>
                <Field label={t('policyEditor.basics.storeCreditBonusPercent')}>
                  <InputNumber
                    min={0}
                    max={100}
                    precision={1}
                    suffix="%"
                    value={draft.storeCreditBonusPercent}
                    onChange={(v) => onChange({ storeCreditBonusPercent: v ?? 0 })}
                  />
                </Field>
              </Col>
            </Row>
            <Field label={t('policyEditor.basics.returnShippingNoReason')}>
              <Radio.Group
                value={draft.returnShippingNoReason}
                onChange={(e) => onChange({ returnShippingNoReason: e.target.value })}
                options={[
                  { value: 'customer', label: t('policyEditor.payer.customer') },
                  { value: 'shop', label: t('policyEditor.payer.shop') },
                ]}
              />
            </Field>
            <Field label={t('policyEditor.basics.shippingFeeRefund')}>
              <Select
                value={draft.shippingFeeRefund}
                style={{ width: '100%' }}
                options={(['never', 'full_return', 'full_return_shop_fault'] as const).map((v) => ({
                  value: v,
                  label: t(`policyEditor.basics.shippingFee.${v}`),
                }))}
                onChange={(shippingFeeRefund) => onChange({ shippingFeeRefund })}
              />
            </Field>
          </Card>
          <GradeAndPostageCard draft={draft} onChange={onChange} />
        </Col>
      </Row>
    </Form>
  );
}
