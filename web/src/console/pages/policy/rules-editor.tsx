/** The shop's rules, in order: each a card of conditions (IF) and outcomes (THEN), read back as a sentence. */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Dropdown, Empty, Flex, Input, Segmented, Switch, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRuleOptions } from '../../api/policy-queries.ts';
import type { PolicyDraft, PolicyRule, RuleCondition } from '../../api/policy-types.ts';
import { useLabels } from '../../components/labels.ts';
import { ConditionRow, OutcomeRow, type ValueOptions } from './rule-fields.tsx';
import { newCondition, newOutcome, newRule, newRuleId, ruleTemplates } from './rule-parts.ts';

const knownChannels = ['tmall', 'taobao', 'jd', 'pdd', 'douyin', 'wechat', 'store', 'web', 'portal', 'phone'];
const knownPayments = ['alipay', 'wechat', 'unionpay', 'cod', 'bank_transfer'];
const knownTiers = ['standard', 'vip', 'gold', 'silver', 'wholesale'];

/** The values each list fact can pick from: what the shop's data has, plus the usual ones, with labels. */
export function useValueOptions(draft: PolicyDraft): ValueOptions {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const options = useRuleOptions();
  return useMemo(() => {
    const merge = (...lists: (readonly string[] | undefined)[]) => [...new Set(lists.flatMap((l) => l ?? []))];
    const plain = (values: string[]) => values.map((v) => ({ value: v, label: v }));
    const reasonLabel = (r: { code: string; label: string; labelEn?: string | undefined }) =>
      `${labels.english ? (r.labelEn ?? r.label) : r.label} (${r.code})`;
    return {
      'order.channel': merge(options.data?.channels, knownChannels).map((v) => ({ value: v, label: labels.channel(v) })),
      'order.paymentMethod': merge(options.data?.paymentMethods, knownPayments).map((v) => ({ value: v, label: t(`payment.${v}`, { defaultValue: v }) })),
      'line.sku': plain(options.data?.skus ?? []),
      'line.category': plain(merge(options.data?.categories, draft.nonReturnableCategories)),
      'reason.code': draft.reasons.map((r) => ({ value: r.code, label: reasonLabel(r) })),
      'reason.subCode': draft.reasons.flatMap((r) => (r.children ?? []).map((c) => ({ value: c.code, label: reasonLabel(c) }))),
      'reason.category': ['quality', 'wrong_item', 'size_fit', 'changed_mind', 'transit_damage', 'description', 'other'].map((v) => ({
        value: v,
        label: t(`policyEditor.reasonCategory.${v}`),
      })),
      'customer.tier': merge(options.data?.tiers, knownTiers).map((v) => ({ value: v, label: t(`tier.${v}`, { defaultValue: v }) })),
      'return.type': ['return', 'refund_only'].map((v) => ({ value: v, label: t(`common:type.${v}`) })),
      'return.resolution': ['refund', 'exchange', 'store_credit'].map((v) => ({ value: v, label: t(`common:resolution.${v}`) })),
    };
  }, [options.data, draft.reasons, draft.nonReturnableCategories, labels, t]);
}

/** A condition in words, for the rule's sentence. */
function conditionWords(c: RuleCondition, t: TFunction, options: ValueOptions): string {
  const fact = t(`policyEditor.fact.${c.fact}`);
  const days = 'days' in c ? t('policyEditor.window.words', { days: c.days }) : '';
  if (c.op === 'is') return `${fact}${t('policyEditor.is')}${c.value ? t('policyEditor.yes') : t('policyEditor.no')}`;
  if (c.op === 'in' || c.op === 'not_in') {
    const label = (v: string) => options[c.fact]?.find((o) => o.value === v)?.label ?? v;
    return `${fact} ${t(`policyEditor.op.${c.op}`)} ${c.values.map(label).join(t('sep.list')) || '…'}`;
  }
  const n = (c as { value: number }).value;
  const unit = c.fact === 'customer.returnRate' ? '%' : '';
  const value = ['order.amount', 'line.unitPrice', 'line.amount', 'return.amount'].includes(c.fact) ? `¥${(n / 100).toFixed(2)}` : `${n}${unit}`;
  return `${days}${fact} ${t(`policyEditor.op.${c.op}`)} ${value}`;
}

function ruleSentence(rule: PolicyRule, t: TFunction, options: ValueOptions): string {
  const when =
    rule.conditions.length === 0
      ? t('policyEditor.always')
      : rule.conditions.map((c) => conditionWords(c, t, options)).join(rule.match === 'all' ? t('policyEditor.and') : t('policyEditor.or'));
  const then = rule.outcomes.map((o) => t(`policyEditor.outcome.${o.type}`)).join(t('sep.list'));
  return t('policyEditor.sentence', { when, then });
}

type RulesEditorProps = { draft: PolicyDraft; onChange: (rules: PolicyRule[]) => void };

export function RulesEditor({ draft, onChange }: RulesEditorProps) {
  const { t, i18n } = useTranslation('console');
  const options = useValueOptions(draft);
  const rules = draft.rules;
  const update = (i: number, rule: PolicyRule) => onChange(rules.map((r, j) => (j === i ? rule : r)));
  const move = (i: number, by: number) => {
    const next = [...rules];
    const [taken] = next.splice(i, 1);
    if (taken) next.splice(i + by, 0, taken);
    onChange(next);
  };

  return (
    <Flex vertical gap={16}>
      <Alert type="info" showIcon title={t('policyEditor.rulesHint')} />
      {rules.length === 0 ? <Empty description={t('policyEditor.noRules')} /> : null}
      {rules.map((rule, i) => (
        <Card
          key={rule.id}
          size="small"
          data-testid={`rule-card-${i}`}
          style={{ opacity: rule.enabled ? 1 : 0.6 }}
          title={
            <Flex gap={8} align="center" wrap>
              <Tag>{i + 1}</Tag>
              <Switch size="small" checked={rule.enabled} onChange={(enabled) => update(i, { ...rule, enabled })} aria-label={t('policyEditor.enabled')} />
              <Input
                data-testid={`rule-name-${i}`}
                value={rule.name}
                maxLength={60}
                variant="borderless"
                style={{ fontWeight: 600, maxWidth: 320 }}
                onChange={(e) => update(i, { ...rule, name: e.target.value })}
              />
              <Input
                value={rule.nameEn ?? ''}
                maxLength={80}
                variant="borderless"
                placeholder={t('policyEditor.nameEn')}
                style={{ maxWidth: 260, color: '#8c8c8c' }}
                onChange={(e) => update(i, { ...rule, nameEn: e.target.value || undefined })}
              />
            </Flex>
          }
          extra={
            <Flex gap={4}>
              <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('policyEditor.up')} />
              <Button
                type="text"
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={i === rules.length - 1}
                onClick={() => move(i, 1)}
                aria-label={t('policyEditor.down')}
              />
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                onClick={() => onChange(rules.filter((_, j) => j !== i))}
                aria-label={t('policyEditor.remove')}
              />
            </Flex>
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }} data-testid={`rule-sentence-${i}`}>
            {ruleSentence(rule, t, options)}
          </Typography.Paragraph>
          <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t('policyEditor.if')}</Typography.Text>
            <Segmented
              size="small"
              value={rule.match}
              options={[
                { value: 'all', label: t('policyEditor.matchAll') },
                { value: 'any', label: t('policyEditor.matchAny') },
              ]}
              onChange={(match) => update(i, { ...rule, match: match as PolicyRule['match'] })}
            />
          </Flex>
          <Flex vertical gap={8} style={{ paddingInlineStart: 12, marginBottom: 8 }}>
            {rule.conditions.map((c, j) => (
              <ConditionRow
                // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity of their own
                key={j}
                testId={`condition-${i}-${j}`}
                condition={c}
                options={options}
                onChange={(next) => update(i, { ...rule, conditions: rule.conditions.map((x, k) => (k === j ? next : x)) })}
                onRemove={() => update(i, { ...rule, conditions: rule.conditions.filter((_, k) => k !== j) })}
              />
            ))}
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              style={{ alignSelf: 'flex-start' }}
              data-testid={`condition-add-${i}`}
              onClick={() => update(i, { ...rule, conditions: [...rule.conditions, newCondition('order.channel')] })}
            >
              {t('policyEditor.addCondition')}
            </Button>
          </Flex>
          <Typography.Text strong>{t('policyEditor.then')}</Typography.Text>
          <Flex vertical gap={8} style={{ paddingInlineStart: 12, marginTop: 8 }}>
            {rule.outcomes.map((o, j) => (
              <OutcomeRow
                // biome-ignore lint/suspicious/noArrayIndexKey: outcomes have no identity of their own
                key={j}
                testId={`outcome-${i}-${j}`}
                outcome={o}
                onChange={(next) => update(i, { ...rule, outcomes: rule.outcomes.map((x, k) => (k === j ? next : x)) })}
                onRemove={() => update(i, { ...rule, outcomes: rule.outcomes.filter((_, k) => k !== j) })}
              />
            ))}
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              style={{ alignSelf: 'flex-start' }}
              data-testid={`outcome-add-${i}`}
              onClick={() => update(i, { ...rule, outcomes: [...rule.outcomes, newOutcome('needs_review')] })}
            >
              {t('policyEditor.addOutcome')}
            </Button>
          </Flex>
        </Card>
      ))}
      <Flex gap={8}>
        <Button type="dashed" icon={<PlusOutlined />} data-testid="rule-add" onClick={() => onChange([...rules, newRule(rules, t('policyEditor.newRule'))])}>
          {t('policyEditor.addRule')}
        </Button>
        <Dropdown
          menu={{
            items: ruleTemplates.map((tpl) => ({ key: tpl.code, label: t(`policyEditor.template.${tpl.code}`) })),
            onClick: ({ key }) => {
              const tpl = ruleTemplates.find((r) => r.code === key);
              if (!tpl) return;
              const name = t(`policyEditor.template.${tpl.code}`, { lng: 'zh-CN' });
              const nameEn = t(`policyEditor.template.${tpl.code}`, { lng: 'en' });
              onChange([...rules, { ...tpl.rule, id: newRuleId(rules), name: i18n.language === 'en' ? nameEn : name, nameEn }]);
            },
          }}
        >
          <Button data-testid="rule-template">{t('policyEditor.fromTemplate')}</Button>
        </Dropdown>
      </Flex>
    </Flex>
  );
}
