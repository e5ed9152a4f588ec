/** One condition and one outcome of a rule, each picked from lists: no expression is ever typed. */
import { DeleteOutlined } from '@ant-design/icons';
import { Button, Flex, Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FactCode, RuleCondition, RuleOutcome } from '../../api/policy-types.ts';
import { factGroups, factInfo, listOps, newCondition, newOutcome, numberOps, outcomeTypes } from './rule-parts.ts';

export type ValueOption = { value: string; label: string };
/** The values each list fact may pick from. */
export type ValueOptions = Partial<Record<FactCode, ValueOption[]>>;

const yuan = (fen: number) => Math.round(fen) / 100;
const fen = (value: number | null) => Math.round((value ?? 0) * 100);

type ConditionRowProps = { condition: RuleCondition; options: ValueOptions; onChange: (c: RuleCondition) => void; onRemove: () => void; testId: string };

type ListCondition = Extract<RuleCondition, { values: string[] }>;
type FlagCondition = Extract<RuleCondition, { op: 'is' }>;
type NumericCondition = Exclude<RuleCondition, ListCondition | FlagCondition>;

export function ConditionRow({ condition, options, onChange, onRemove, testId }: ConditionRowProps) {
  const { t } = useTranslation('console');
  const info = factInfo[condition.fact];
  const list = info.kind === 'list' ? (condition as ListCondition) : null;
  const flag = info.kind === 'flag' ? (condition as FlagCondition) : null;
  const numeric = !list && !flag ? (condition as NumericCondition) : null;
  const unit = info.unit;
  const shownNumber = (value: number) => (unit === 'money' ? yuan(value) : value);
  const stored = (value: number | null) => (unit === 'money' ? fen(value) : (value ?? 0));
  const suffix =
    unit === 'money' ? '¥' : unit === 'percent' ? '%' : unit === 'days' ? t('policyEditor.unit.days') : unit === 'none' ? '' : t(`policyEditor.unit.${unit}`);
  return (
    <Flex gap={8} align="center" wrap data-testid={testId} className="rf-condition">
      <Select<FactCode>
        data-testid={`${testId}-fact`}
        value={condition.fact}
        style={{ width: 190 }}
        virtual={false}
        showSearch={{ optionFilterProp: 'label' }}
        options={factGroups.map((g) => ({
          label: t(`policyEditor.group.${g.group}`),
          options: g.facts.map((f) => ({ value: f, label: t(`policyEditor.fact.${f}`) })),
        }))}
        onChange={(fact) => onChange(newCondition(fact))}
      />
      {'days' in condition ? (
        <Flex gap={4} align="center">
          <Typography.Text type="secondary">{t('policyEditor.window.before')}</Typography.Text>
          <InputNumber
            data-testid={`${testId}-days`}
            min={1}
            max={3650}
            precision={0}
            style={{ width: 76 }}
            value={condition.days}
            onChange={(days) => onChange({ ...condition, days: days ?? 90 })}
          />
          <Typography.Text type="secondary">{t('policyEditor.window.after')}</Typography.Text>
        </Flex>
      ) : null}
      {flag ? (
        <Select
          data-testid={`${testId}-value`}
          value={flag.value ? 'yes' : 'no'}
          style={{ width: 90 }}
          options={[
            { value: 'yes', label: t('policyEditor.yes') },
            { value: 'no', label: t('policyEditor.no') },
          ]}
          onChange={(v) => onChange({ ...flag, value: v === 'yes' })}
        />
      ) : null}
      {list ? (
        <>
          <Select
            data-testid={`${testId}-op`}
            value={list.op}
            style={{ width: 110 }}
            options={listOps.map((op) => ({ value: op, label: t(`policyEditor.op.${op}`) }))}
            onChange={(op) => onChange({ ...list, op })}
          />
          <Select
            data-testid={`${testId}-value`}
            mode="tags"
            value={list.values}
            style={{ minWidth: 220, flex: 1 }}
            placeholder={t('policyEditor.pickValues')}
            options={options[list.fact] ?? []}
            onChange={(values: string[]) => onChange({ ...list, values })}
          />
        </>
      ) : null}
      {numeric ? (
        <>
          <Select
            data-testid={`${testId}-op`}
            value={numeric.op}
            style={{ width: 110 }}
            options={numberOps.map((op) => ({ value: op, label: t(`policyEditor.op.${op}`) }))}
            onChange={(op) => onChange({ ...numeric, op })}
          />
          <InputNumber
            data-testid={`${testId}-value`}
            min={0}
            precision={unit === 'money' ? 2 : unit === 'percent' ? 1 : 0}
            value={shownNumber(numeric.value)}
            style={{ width: 150 }}
            {...(unit === 'money' ? { prefix: '¥' } : suffix ? { suffix } : {})}
            onChange={(v) => onChange({ ...numeric, value: stored(v) })}
          />
        </>
      ) : null}
      <Button type="text" icon={<DeleteOutlined />} aria-label={t('policyEditor.remove')} onClick={onRemove} />
    </Flex>
  );
}

type OutcomeRowProps = { outcome: RuleOutcome; onChange: (o: RuleOutcome) => void; onRemove: () => void; testId: string };

export function OutcomeRow({ outcome, onChange, onRemove, testId }: OutcomeRowProps) {
  const { t } = useTranslation('console');
  return (
    <Flex gap={8} align="center" wrap data-testid={testId}>
      <Select
        data-testid={`${testId}-type`}
        value={outcome.type}
        style={{ width: 220 }}
        virtual={false}
        options={outcomeTypes.map((type) => ({ value: type, label: t(`policyEditor.outcome.${type}`) }))}
        onChange={(type) => onChange(newOutcome(type))}
      />
      {outcome.type === 'not_eligible' ? (
        <>
          <Input
            data-testid={`${testId}-message`}
            value={outcome.message}
            maxLength={200}
            placeholder={t('policyEditor.messageZh')}
            style={{ flex: 1, minWidth: 200 }}
            onChange={(e) => onChange({ ...outcome, message: e.target.value })}
          />
          <Input
            value={outcome.messageEn}
            maxLength={300}
            placeholder={t('policyEditor.messageEn')}
            style={{ flex: 1, minWidth: 200 }}
            onChange={(e) => onChange({ ...outcome, messageEn: e.target.value })}
          />
        </>
      ) : null}
      {outcome.type === 'restocking_fee' ? (
        <InputNumber
          min={0}
          max={100}
          precision={1}
          suffix="%"
          value={outcome.percent}
          onChange={(percent) => onChange({ ...outcome, percent: percent ?? 0 })}
        />
      ) : null}
      {outcome.type === 'return_shipping' ? (
        <Select
          value={outcome.payer}
          style={{ width: 140 }}
          options={[
            { value: 'shop', label: t('policyEditor.payer.shop') },
            { value: 'customer', label: t('policyEditor.payer.customer') },
          ]}
          onChange={(payer) => onChange({ ...outcome, payer })}
        />
      ) : null}
      <Button type="text" icon={<DeleteOutlined />} aria-label={t('policyEditor.remove')} onClick={onRemove} />
    </Flex>
  );
}
