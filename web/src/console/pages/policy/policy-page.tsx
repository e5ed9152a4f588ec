/**
 * The return policy, edited without code: the shop's rules (conditions and outcomes picked
 * from lists), the basic settings, the reason tree, a simulator that tries the draft on an
 * order, and the version history. Publishing makes the draft the next version.
 */
import { AppstoreAddOutlined, CloudUploadOutlined, UndoOutlined } from '@ant-design/icons';
import { Policy } from '@server/modules/policy/policy.schema.ts';
import { diffDocuments } from '@server/modules/policy/policy-diff.ts';
import { validatePolicy } from '@server/modules/policy/validate-policy.ts';
import { Alert, App, Badge, Button, Card, Drawer, Flex, Modal, Popconfirm, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorText } from '../../api/client.ts';
import { useApplyPreset, usePresets, usePublishPolicy } from '../../api/policy-queries.ts';
import type { PolicyDraft } from '../../api/policy-types.ts';
import { usePolicy } from '../../api/queries.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSession } from '../../session/session.tsx';
import { BasicsForm } from './basics-form.tsx';
import { ChangesList } from './changes-list.tsx';
import { ReasonsEditor } from './reasons-editor.tsx';
import { RulesEditor } from './rules-editor.tsx';
import { Simulator } from './simulator.tsx';
import { VersionHistory } from './version-history.tsx';

function withoutVersion(document: PolicyDraft & { version?: number; createdAt?: string }): PolicyDraft {
  const { version: _v, createdAt: _c, ...policy } = document;
  return policy;
}

function PresetsDrawer({
  open,
  onClose,
  onLoad,
  onApplied,
}: {
  open: boolean;
  onClose: () => void;
  onLoad: (policy: PolicyDraft) => void;
  onApplied: () => void;
}) {
  const { t, i18n } = useTranslation('console');
  const { message } = App.useApp();
  const presets = usePresets();
  const apply = useApplyPreset();
  const english = i18n.language === 'en';
  return (
    <Drawer open={open} onClose={onClose} size={560} title={t('policyEditor.presets.title')}>
      <Typography.Paragraph type="secondary">{t('policyEditor.presets.hint')}</Typography.Paragraph>
      <Flex vertical gap={12}>
        {(presets.data?.data ?? []).map((preset) => (
          <Card key={preset.code} size="small" title={english ? preset.nameEn : preset.name} data-testid={`preset-${preset.code}`}>
            <Typography.Paragraph>{english ? preset.summaryEn : preset.summary}</Typography.Paragraph>
            <Flex gap={8}>
              <Button
                onClick={() => {
                  onLoad(preset.policy);
                  onClose();
                }}
              >
                {t('policyEditor.presets.load')}
              </Button>
              <Popconfirm
                title={t('policyEditor.presets.applyConfirm')}
                onConfirm={async () => {
                  try {
                    await apply.mutateAsync(preset.code);
                    message.success(t('policyEditor.published'));
                    onApplied();
                    onClose();
                  } catch (error) {
                    message.error(errorText(t, error));
                  }
                }}
              >
                <Button type="primary" loading={apply.isPending}>
                  {t('policyEditor.presets.apply')}
                </Button>
              </Popconfirm>
            </Flex>
          </Card>
        ))}
      </Flex>
    </Drawer>
  );
}

export default function PolicyPage() {
  const { t } = useTranslation('console');
  const { message } = App.useApp();
  const { can } = useSession();
  const policy = usePolicy();
  const publish = usePublishPolicy();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'rules';
  const [draft, setDraft] = useState<PolicyDraft | null>(null);
  const [presetsOpen, setPresetsOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const base = useMemo(() => (policy.data ? withoutVersion(policy.data) : null), [policy.data]);

  useEffect(() => {
    if (base && draft === null) setDraft(base);
  }, [base, draft]);

  const changes = useMemo(() => (base && draft ? diffDocuments(base, draft) : []), [base, draft]);
  const issues = useMemo(() => {
    if (!draft) return [];
    const parsed = Policy.safeParse(draft);
    if (!parsed.success) return parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return validatePolicy(parsed.data);
  }, [draft]);

  if (!draft || !policy.data) return <Skeleton active />;
  const set = (patch: Partial<PolicyDraft>) => setDraft({ ...draft, ...patch });
  const dirty = changes.length > 0;
  const editable = can('policy:write');

  async function confirmPublish() {
    if (!draft) return;
    try {
      const document = await publish.mutateAsync(draft);
      setDraft(withoutVersion(document));
      setConfirming(false);
      message.success(t('policyEditor.published'));
    } catch (error) {
      message.error(errorText(t, error));
    }
  }

  return (
    <div>
      <PageHeader
        title={t('policyEditor.title')}
        subtitle={t('policyEditor.subtitle')}
        tags={
          <Flex gap={6}>
            <Tag>{t('decision.version', { version: policy.data.version })}</Tag>
            {draft.preset ? <Tag color="blue">{t(`policyEditor.presets.name.${draft.preset}`)}</Tag> : null}
            {dirty ? (
              <Tag color="orange" data-testid="policy-dirty">
                {t('policyEditor.unpublished', { count: changes.length })}
              </Tag>
            ) : null}
          </Flex>
        }
        extra={
          editable ? (
            <>
              <Button icon={<AppstoreAddOutlined />} onClick={() => setPresetsOpen(true)} data-testid="policy-presets">
                {t('policyEditor.presets.open')}
              </Button>
              <Button icon={<UndoOutlined />} disabled={!dirty} onClick={() => setDraft(base)}>
                {t('policyEditor.discard')}
              </Button>
              <Badge count={changes.length} size="small">
                <Button type="primary" icon={<CloudUploadOutlined />} disabled={!dirty} onClick={() => setConfirming(true)} data-testid="policy-publish">
                  {t('policyEditor.publish')}
                </Button>
              </Badge>
            </>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'rules', label: t('policyEditor.tab.rules'), children: <RulesEditor draft={draft} onChange={(rules) => set({ rules })} /> },
          { key: 'basics', label: t('policyEditor.tab.basics'), children: <BasicsForm draft={draft} onChange={set} /> },
          {
            key: 'reasons',
            label: t('policyEditor.tab.reasons'),
            children: <ReasonsEditor reasons={draft.reasons} onChange={(reasons) => set({ reasons })} />,
          },
          { key: 'simulator', label: t('policyEditor.tab.simulator'), children: <Simulator draft={draft} /> },
          { key: 'history', label: t('policyEditor.tab.history'), children: <VersionHistory /> },
        ]}
      />
      <PresetsDrawer open={presetsOpen} onClose={() => setPresetsOpen(false)} onLoad={(preset) => setDraft(preset)} onApplied={() => setDraft(null)} />
      <Modal
        open={confirming}
        destroyOnHidden
        width={720}
        title={t('policyEditor.confirmTitle', { version: policy.data.version + 1 })}
        okText={t('policyEditor.publish')}
        okButtonProps={{ disabled: issues.length > 0, loading: publish.isPending, ...({ 'data-testid': 'publish-confirm' } as object) }}
        onOk={() => void confirmPublish()}
        onCancel={() => setConfirming(false)}
      >
        <Typography.Paragraph type="secondary">{t('policyEditor.confirmHint')}</Typography.Paragraph>
        {issues.length > 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('policyEditor.issues')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {issues.map((i) => (
                  <li key={`${i.path}-${i.message}`}>
                    {i.path}: {i.message}
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        <ChangesList changes={changes} />
      </Modal>
    </div>
  );
}
