/** The reason tree: reasons and their sub-reasons, each with the shop's fault, photo / description required, and an analytics category. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Input, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PolicyReasonDraft } from '../../api/policy-types.ts';
import { reasonCategories } from './rule-parts.ts';

type Reason = Omit<PolicyReasonDraft, 'children'>;

type RowProps = { reason: Reason; child?: boolean; locked: boolean; onChange: (r: Reason) => void; onRemove: () => void; extra?: React.ReactNode };

function ReasonRow({ reason, child, locked, onChange, onRemove, extra }: RowProps) {
  const { t } = useTranslation('console');
  const flag = (key: 'shopFault' | 'requiresPhoto' | 'requiresNote') => (
    <Checkbox
      checked={reason[key] === true}
      indeterminate={child && reason[key] === undefined}
      onChange={(e) => onChange({ ...reason, [key]: e.target.checked })}
    >
      {t(`policyEditor.reasons.${key}`)}
    </Checkbox>
  );
  return (
    <Flex gap={8} align="center" wrap style={{ paddingInlineStart: child ? 28 : 0 }}>
      {child ? <Tag>{t('policyEditor.reasons.sub')}</Tag> : null}
      <Input
        value={reason.code}
        disabled={locked}
        style={{ width: 150, fontFamily: 'monospace' }}
        placeholder="code"
        onChange={(e) => onChange({ ...reason, code: e.target.value.toLowerCase().replace(/[^a-z0-9_]/g, '_') })}
      />
      <Input
        value={reason.label}
        style={{ width: 140 }}
        maxLength={60}
        placeholder={t('policyEditor.reasons.label')}
        onChange={(e) => onChange({ ...reason, label: e.target.value })}
      />
      <Input
        value={reason.labelEn ?? ''}
        style={{ width: 170 }}
        maxLength={60}
        placeholder={t('policyEditor.reasons.labelEn')}
        onChange={(e) => onChange({ ...reason, labelEn: e.target.value || undefined })}
      />
      {flag('shopFault')}
      {flag('requiresPhoto')}
      {flag('requiresNote')}
      <Select
        allowClear
        value={reason.category}
        style={{ width: 140 }}
        placeholder={t('policyEditor.reasons.category')}
        options={reasonCategories.map((c) => ({ value: c, label: t(`policyEditor.reasonCategory.${c}`) }))}
        onChange={(category) => onChange({ ...reason, category })}
      />
      {extra}
      <Button type="text" danger icon={<DeleteOutlined />} disabled={locked} onClick={onRemove} aria-label={t('policyEditor.remove')} />
    </Flex>
  );
}

/** Codes that returns already name cannot be renamed or removed here (the statutory ones). */
const statutory = new Set(['no_reason', 'quality', 'wrong_item', 'damaged_in_transit', 'not_as_described']);

export function ReasonsEditor({ reasons, onChange }: { reasons: PolicyReasonDraft[]; onChange: (reasons: PolicyReasonDraft[]) => void }) {
  const { t } = useTranslation('console');
  const update = (i: number, next: PolicyReasonDraft) => onChange(reasons.map((r, j) => (j === i ? next : r)));
  const fresh = (prefix: string) => {
    const taken = new Set(reasons.flatMap((r) => [r.code, ...(r.children ?? []).map((c) => c.code)]));
    let n = 1;
    while (taken.has(`${prefix}_${n}`)) n += 1;
    return `${prefix}_${n}`;
  };
  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon title={t('policyEditor.reasons.hint')} />
      {reasons.map((reason, i) => {
        const { children, ...own } = reason;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the code is being edited, so the position is the reason's identity here
          <Card size="small" key={i}>
            <Flex vertical gap={8}>
              <ReasonRow
                reason={own}
                locked={statutory.has(reason.code)}
                onChange={(r) => update(i, { ...r, ...(children ? { children } : {}) })}
                onRemove={() => onChange(reasons.filter((_, j) => j !== i))}
                extra={
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() =>
                      update(i, { ...reason, children: [...(children ?? []), { code: fresh(reason.code), label: t('policyEditor.reasons.newSub') }] })
                    }
                  >
                    {t('policyEditor.reasons.addSub')}
                  </Button>
                }
              />
              {(children ?? []).map((sub, k) => (
                <ReasonRow
                  // biome-ignore lint/suspicious/noArrayIndexKey: a sub-reason's code is being edited, its position is its identity here
                  key={k}
                  child
                  reason={sub}
                  locked={false}
                  onChange={(r) => update(i, { ...reason, children: (children ?? []).map((c, m) => (m === k ? r : c)) })}
                  onRemove={() => update(i, { ...reason, children: (children ?? []).filter((_, m) => m !== k) })}
                />
              ))}
            </Flex>
          </Card>
        );
      })}
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => onChange([...reasons, { code: fresh('reason'), label: t('policyEditor.reasons.newReason'), shopFault: false }])}
      >
        {t('policyEditor.reasons.add')}
      </Button>
    </Flex>
  );
}
