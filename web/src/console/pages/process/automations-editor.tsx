/** Automations: when an event happens and the conditions hold, then actions — each picked from lists. */
import { DeleteOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { AutomationEvent, actionsByEvent } from '@server/modules/process/process.schema.ts';
import { Button, Card, Empty, Flex, Input, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAssignees } from '../../api/policy-queries.ts';
import type { Automation, AutomationAction, PolicyDraft, StageDraft } from '../../api/policy-types.ts';
import { useLabels } from '../../components/labels.ts';
import { ConditionRow } from '../policy/rule-fields.tsx';
import { newCondition, newRuleId } from '../policy/rule-parts.ts';
import { useValueOptions } from '../policy/rules-editor.tsx';

const roles = ['service', 'warehouse', 'finance', 'manager', 'admin'];
const channels = ['staff', 'customer', 'robot'] as const;

function newAction(type: AutomationAction['type'], message: string): AutomationAction {
  switch (type) {
    case 'assign':
      return { type, role: 'manager', userId: null };
    case 'escalate':
      return { type, role: 'manager', userId: null };
    case 'notify':
      return { type, channel: 'staff', message };
    default:
      return { type } as AutomationAction;
  }
}

function ActionRow({
  action,
  event,
  onChange,
  onRemove,
}: {
  action: AutomationAction;
  event: Automation['event'];
  onChange: (a: AutomationAction) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const assignees = useAssignees();
  const role = (value: string | null, pick: (role: string) => void) => (
    <Select value={value} style={{ width: 130 }} options={roles.map((r) => ({ value: r, label: labels.role(r) }))} onChange={pick} />
  );
  return (
    <Flex gap={8} align="center" wrap>
      <Select
        value={action.type}
        style={{ width: 200 }}
        options={actionsByEvent[event].map((type) => ({ value: type, label: t(`processDesigner.action.${type}`) }))}
        onChange={(type) => onChange(newAction(type, t('processDesigner.defaultMessage')))}
      />
      {action.type === 'assign' ? role(action.role, (r) => onChange({ ...action, role: r })) : null}
      {action.type === 'escalate' ? role(action.role, (r) => onChange({ ...action, role: r })) : null}
      {action.type === 'assign' || action.type === 'escalate' ? (
        <Select
          allowClear
          value={action.userId ?? undefined}
          style={{ width: 160 }}
          placeholder={t('processDesigner.person')}
          options={(assignees.data?.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          onChange={(userId?: string) => onChange({ ...action, userId: userId ?? null })}
        />
      ) : null}
      {action.type === 'notify' ? (
        <>
          <Select
            value={action.channel}
            style={{ width: 120 }}
            options={channels.map((c) => ({ value: c, label: t(`processDesigner.channel.${c}`) }))}
            onChange={(channel) => onChange({ ...action, channel })}
          />
          <Input
            value={action.message}
            maxLength={300}
            style={{ flex: 1, minWidth: 180 }}
            placeholder={t('processDesigner.message')}
            onChange={(e) => onChange({ ...action, message: e.target.value })}
          />
        </>
      ) : null}
      {action.type === 'request_photos' ? (
        <Input
          value={action.message ?? ''}
          maxLength={200}
          style={{ flex: 1, minWidth: 180 }}
          placeholder={t('processDesigner.photoMessage')}
          onChange={(e) => onChange({ ...action, message: e.target.value || undefined })}
        />
      ) : null}
      <Button type="text" icon={<DeleteOutlined />} aria-label={t('policyEditor.remove')} onClick={onRemove} />
    </Flex>
  );
}

type AutomationsEditorProps = { automations: Automation[]; stages: StageDraft[]; policy: PolicyDraft; onChange: (automations: Automation[]) => void };

export function AutomationsEditor({ automations, stages, policy, onChange }: AutomationsEditorProps) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const options = useValueOptions(policy);
  const update = (i: number, a: Automation) => onChange(automations.map((x, j) => (j === i ? a : x)));
  return (
    <Card size="small" title={t('processDesigner.automations')} data-testid="automations">
      <Typography.Paragraph type="secondary">{t('processDesigner.automationsHint')}</Typography.Paragraph>
      <Flex vertical gap={12}>
        {automations.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('processDesigner.noAutomations')} /> : null}
        {automations.map((a, i) => (
          <Card
            key={a.id}
            size="small"
            type="inner"
            title={
              <Flex gap={8} align="center">
                <ThunderboltOutlined style={{ color: a.enabled ? '#faad14' : '#bfbfbf' }} />
                <Switch size="small" checked={a.enabled} onChange={(enabled) => update(i, { ...a, enabled })} />
                <Input
                  value={a.name}
                  maxLength={60}
                  variant="borderless"
                  style={{ fontWeight: 600 }}
                  onChange={(e) => update(i, { ...a, name: e.target.value })}
                />
              </Flex>
            }
            extra={
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={() => onChange(automations.filter((_, j) => j !== i))}
                aria-label={t('policyEditor.remove')}
              />
            }
          >
            <Flex vertical gap={8}>
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{t('processDesigner.when')}</Typography.Text>
                <Select
                  value={a.event}
                  style={{ width: 200 }}
                  options={AutomationEvent.options.map((e) => ({ value: e, label: t(`processDesigner.event.${e}`) }))}
                  onChange={(event) =>
                    update(i, {
                      ...a,
                      event,
                      actions: [newAction(actionsByEvent[event][0] ?? 'notify', t('processDesigner.defaultMessage'))],
                      ...(event === 'stage.overdue' ? {} : { stages: [] }),
                    })
                  }
                />
                {a.event === 'stage.overdue' ? (
                  <Select
                    mode="multiple"
                    value={a.stages ?? []}
                    style={{ minWidth: 220 }}
                    placeholder={t('processDesigner.anyStage')}
                    options={stages
                      .filter((s) => s.code !== 'done' && s.code !== 'apply')
                      .map((s) => ({ value: s.code, label: labels.english ? s.nameEn : s.name }))}
                    onChange={(codes) => update(i, { ...a, stages: codes })}
                  />
                ) : null}
              </Flex>
              {a.conditions.map((c, j) => (
                <ConditionRow
                  // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity of their own
                  key={j}
                  testId={`automation-${i}-condition-${j}`}
                  condition={c}
                  options={options}
                  onChange={(next) => update(i, { ...a, conditions: a.conditions.map((x, k) => (k === j ? next : x)) })}
                  onRemove={() => update(i, { ...a, conditions: a.conditions.filter((_, k) => k !== j) })}
                />
              ))}
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                style={{ alignSelf: 'flex-start' }}
                onClick={() => update(i, { ...a, conditions: [...a.conditions, newCondition('return.amount')] })}
              >
                {t('policyEditor.addCondition')}
              </Button>
              <Typography.Text strong>{t('processDesigner.then')}</Typography.Text>
              {a.actions.map((action, j) => (
                <ActionRow
                  // biome-ignore lint/suspicious/noArrayIndexKey: actions have no identity of their own
                  key={j}
                  action={action}
                  event={a.event}
                  onChange={(next) => update(i, { ...a, actions: a.actions.map((x, k) => (k === j ? next : x)) })}
                  onRemove={() => update(i, { ...a, actions: a.actions.filter((_, k) => k !== j) })}
                />
              ))}
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                style={{ alignSelf: 'flex-start' }}
                onClick={() =>
                  update(i, { ...a, actions: [...a.actions, newAction(actionsByEvent[a.event][0] ?? 'notify', t('processDesigner.defaultMessage'))] })
                }
              >
                {t('processDesigner.addAction')}
              </Button>
            </Flex>
          </Card>
        ))}
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          data-testid="automation-add"
          style={{ alignSelf: 'flex-start' }}
          onClick={() =>
            onChange([
              ...automations,
              {
                id: newRuleId(automations, 'auto'),
                name: t('processDesigner.newAutomation'),
                enabled: true,
                event: 'stage.overdue',
                stages: [],
                match: 'all',
                conditions: [],
                actions: [newAction('escalate', ''), newAction('notify', t('processDesigner.defaultMessage'))],
              },
            ])
          }
        >
          {t('processDesigner.addAutomation')}
        </Button>
      </Flex>
    </Card>
  );
}
