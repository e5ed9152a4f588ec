/**
 * The money and trust settings of the policy that the refund itself applies: fees by
 * inspection grade, the return postage deducted from a no-reason refund, who gets an
 * exchange's replacement before sending the goods back, and the statutory refund deadline.
 */
import { Card, Col, Flex, Form, InputNumber, Radio, Row, Select, Switch, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRuleOptions } from '../../api/policy-queries.ts';
import type { PolicyDraft } from '../../api/policy-types.ts';

type Props = { draft: PolicyDraft; onChange: (patch: Partial<PolicyDraft>) => void };

const grades = ['A', 'B', 'C', 'D'] as const;

function Field({ label, help, children }: { label: string; help?: string; children: ReactNode }) {
  return (
    <Form.Item label={label} extra={help} style={{ marginBottom: 16 }}>
      {children}
    </Form.Item>
  );
}

/** Fees by inspection grade and the return postage a customer pays out of the refund. */
export function GradeAndPostageCard({ draft, onChange }: Props) {
  const { t } = useTranslation('console');
  return (
    <Card size="small" title={t('policyEditor.basics.gradeAndPostage')} style={{ marginBottom: 16 }}>
      <Field label={t('policyEditor.basics.gradeFeePercent')} help={t('policyEditor.basics.gradeFeeHelp')}>
        <Row gutter={8}>
          {grades.map((grade) => (
            <Col key={grade} xs={12} xxl={6} style={{ marginBottom: 8 }}>
              <InputNumber
                data-testid={`grade-fee-${grade}`}
                aria-label={t('policyEditor.basics.gradeFeeOf', { grade })}
                prefix={
                  <Typography.Text type="secondary" title={t(`grade.${grade}`)}>
                    {t('policyEditor.gradeShort', { grade })}
                  </Typography.Text>
                }
                min={0}
                max={100}
                precision={1}
                suffix="%"
                style={{ width: '100%' }}
                value={draft.gradeFeePercent[grade]}
                onChange={(v) => onChange({ gradeFeePercent: { ...draft.gradeFeePercent, [grade]: v ?? 0 } })}
              />
            </Col>
          ))}
        </Row>
      </Field>
      <Field label={t('policyEditor.basics.shopShippingInsurance')} help={t('policyEditor.basics.shopShippingInsuranceHelp')}>
        <Switch
          data-testid="basics-insurance"
          checked={draft.shopShippingInsurance}
          onChange={(on) => onChange(on ? { shopShippingInsurance: true, returnShippingDeduction: 0 } : { shopShippingInsurance: false })}
        />
      </Field>
      <Field label={t('policyEditor.basics.returnShippingDeduction')} help={t('policyEditor.basics.returnShippingDeductionHelp')}>
        <InputNumber
          data-testid="basics-postage"
          prefix="¥"
          min={0}
          max={10_000}
          precision={2}
          disabled={draft.shopShippingInsurance}
          value={draft.returnShippingDeduction / 100}
          onChange={(v) => onChange({ returnShippingDeduction: Math.round((v ?? 0) * 100) })}
        />
      </Field>
    </Card>
  );
}

/** Who is trusted with a replacement before the goods are back, and the refund deadline finance works to. */
export function TrustAndDeadlineCard({ draft, onChange }: Props) {
  const { t } = useTranslation('console');
  const options = useRuleOptions();
  const tiers = [...new Set([...(options.data?.tiers ?? []), ...draft.trustedCustomerTiers])];
  return (
    <Card size="small" title={t('policyEditor.basics.trust')} style={{ marginBottom: 16 }}>
      <Field label={t('policyEditor.basics.trustedCustomerTiers')} help={t('policyEditor.basics.trustedCustomerTiersHelp')}>
        <Select
          mode="tags"
          data-testid="basics-trusted-tiers"
          value={draft.trustedCustomerTiers}
          options={tiers.map((tier) => ({ value: tier, label: tier }))}
          onChange={(trustedCustomerTiers: string[]) => onChange({ trustedCustomerTiers: trustedCustomerTiers.map((v) => v.trim()).filter(Boolean) })}
        />
      </Field>
      <Field label={t('policyEditor.basics.shipReplacementOnApproval')}>
        <Radio.Group
          value={draft.shipReplacementOnApproval}
          onChange={(e) => onChange({ shipReplacementOnApproval: e.target.value })}
          options={(['nobody', 'trusted', 'everyone'] as const).map((v) => ({ value: v, label: t(`policyEditor.basics.shipEarly.${v}`) }))}
        />
      </Field>
      <Flex gap={16} wrap>
        <Field label={t('policyEditor.basics.refundDeadlineDays')} help={t('policyEditor.basics.refundDeadlineHelp')}>
          <InputNumber
            min={1}
            max={90}
            precision={0}
            suffix={t('policyEditor.unit.days')}
            value={draft.refundDeadlineDays}
            onChange={(v) => onChange({ refundDeadlineDays: v ?? 7 })}
          />
        </Field>
        <Field label={t('policyEditor.basics.refundDeadlineWarningDays')}>
          <InputNumber
            min={0}
            max={30}
            precision={0}
            suffix={t('policyEditor.unit.days')}
            value={draft.refundDeadlineWarningDays}
            onChange={(v) => onChange({ refundDeadlineWarningDays: v ?? 0 })}
          />
        </Field>
      </Flex>
    </Card>
  );
}

/** Time zones a shop may count calendar days in (picked from a list, not typed). */
export const timeZones = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'America/Los_Angeles', 'UTC'];
