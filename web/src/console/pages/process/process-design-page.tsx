/**
 * The process redrawn without code: switch optional stages on and off, limit them to
 * returns above an amount, add a second review or a finance approval, set owners and
 * time limits, write the operating steps, and automate. The picture and the path of a new
 * return change at once; publishing makes the draft the next version.
 */
import { ArrowLeftOutlined, CloudUploadOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { diffDocuments } from '@server/modules/policy/policy-diff.ts';
import { addableStageTemplates } from '@server/modules/process/default-process.ts';
import { addableStages, stageOrder } from '@server/modules/process/process.schema.ts';
import { Alert, App, Badge, Button, Card, Col, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/client.ts';
import { useProcessDefinition, usePublishProcess } from '../../api/policy-queries.ts';
import type { PolicyDraft, ProcessDraft, StageDraft } from '../../api/policy-types.ts';
import { usePolicy } from '../../api/queries.ts';
import { useLabels } from '../../components/labels.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { AutomationsEditor } from './automations-editor.tsx';
import { DesignFlow } from './design-flow.tsx';
import { StagePanel } from './stage-panel.tsx';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

function toDraft(document: ProcessDraft & { version: number }): ProcessDraft {
  const { version: _v, ...definition } = document;
  return { stages: definition.stages, automations: definition.automations ?? [] };
}

/** The path a new return would take, in words, and what the switches change. */
function usePathWords(draft: ProcessDraft): { path: string; notes: string[] } {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const name = (s: StageDraft) => (labels.english ? s.nameEn : s.name);
  const on = draft.stages.filter((s) => s.enabled);
  const notes: string[] = [];
  const inspection = draft.stages.find((s) => s.code === 'inspection');
  if (inspection && !inspection.enabled) notes.push(t('processDesigner.note.inspectionOff'));
  else if (typeof inspection?.minAmount === 'number') notes.push(t('processDesigner.note.inspectionAbove', { amount: yuan(inspection.minAmount) }));
  const second = on.find((s) => s.code === 'second_review');
  if (second)
    notes.push(
      typeof second.minAmount === 'number' ? t('processDesigner.note.secondAbove', { amount: yuan(second.minAmount) }) : t('processDesigner.note.secondAll'),
    );
  const finance = on.find((s) => s.code === 'finance_approval');
  if (finance) notes.push(t('processDesigner.note.finance', { amount: yuan(finance.minAmount ?? 0) }));
  return { path: on.map(name).join(' → '), notes };
}

export default function ProcessDesignPage() {
  const { t } = useTranslation('console');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const process = useProcessDefinition();
  const policy = usePolicy();
  const publish = usePublishProcess();
  const [draft, setDraft] = useState<ProcessDraft | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const base = useMemo(() => (process.data ? toDraft(process.data) : null), [process.data]);
  useEffect(() => {
    if (base && draft === null) setDraft(base);
  }, [base, draft]);
  const changes = useMemo(() => (base && draft ? diffDocuments(base, draft) : []), [base, draft]);
  const words = usePathWords(draft ?? { stages: [] });

  if (!draft || !process.data || !policy.data) return <Skeleton active />;
  const setStage = (code: string, stage: StageDraft) => setDraft({ ...draft, stages: draft.stages.map((s) => (s.code === code ? stage : s)) });
  const current = draft.stages.find((s) => s.code === selected) ?? null;
  const addStage = (code: 'second_review' | 'finance_approval') => {
    const stages = [...draft.stages, addableStageTemplates[code]].sort((a, b) => stageOrder.indexOf(a.code) - stageOrder.indexOf(b.code));
    setDraft({ ...draft, stages });
    setSelected(code);
  };

  async function submit() {
    if (!draft) return;
    try {
      const document = await publish.mutateAsync(draft);
      setDraft(toDraft(document));
      message.success(t('process.saved'));
    } catch (error) {
      message.error(errorText(t, error));
    }
  }

  const policyDraft: PolicyDraft = (({ version: _v, createdAt: _c, ...p }) => p)(policy.data);
  return (
    <div>
      <PageHeader
        title={t('processDesigner.title')}
        subtitle={t('processDesigner.subtitle')}
        tags={
          <Flex gap={6}>
            <Tag>{t('process.version', { version: process.data.version })}</Tag>
            {changes.length > 0 ? (
              <Tag color="orange" data-testid="process-dirty">
                {t('policyEditor.unpublished', { count: changes.length })}
              </Tag>
            ) : null}
          </Flex>
        }
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/console/process')}>
              {t('common:actions.back')}
            </Button>
            <Button icon={<UndoOutlined />} disabled={changes.length === 0} onClick={() => setDraft(base)}>
              {t('policyEditor.discard')}
            </Button>
            <Badge count={changes.length} size="small">
              <Button
                type="primary"
                icon={<CloudUploadOutlined />}
                disabled={changes.length === 0}
                loading={publish.isPending}
                onClick={() => void submit()}
                data-testid="design-publish"
              >
                {t('policyEditor.publish')}
              </Button>
            </Badge>
          </>
        }
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="design-path"
        title={t('processDesigner.path', { path: words.path })}
        description={words.notes.length > 0 ? words.notes.join(t('sep.clause')) : t('processDesigner.note.plain')}
      />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small" styles={{ body: { padding: 8 } }} style={{ marginBottom: 16 }}>
            <DesignFlow
              stages={draft.stages}
              selected={selected}
              onSelect={setSelected}
              onToggle={(code, enabled) => {
                const stage = draft.stages.find((s) => s.code === code);
                if (stage) setStage(code, { ...stage, enabled });
              }}
            />
            <Flex gap={8} style={{ padding: 8 }} wrap>
              {addableStages
                .filter((code) => !draft.stages.some((s) => s.code === code))
                .map((code) => (
                  <Button
                    key={code}
                    icon={<PlusOutlined />}
                    data-testid={`design-add-${code}`}
                    onClick={() => addStage(code as 'second_review' | 'finance_approval')}
                  >
                    {t(`processDesigner.add.${code}`)}
                  </Button>
                ))}
              <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
                {t('processDesigner.clickHint')}
              </Typography.Text>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          {current ? (
            <StagePanel
              key={current.code}
              stage={current}
              onChange={(stage) => setStage(current.code, stage)}
              onRemove={() => {
                setDraft({ ...draft, stages: draft.stages.filter((s) => s.code !== current.code) });
                setSelected(null);
              }}
            />
          ) : (
            <Card size="small">
              <Typography.Text type="secondary">{t('processDesigner.pickStage')}</Typography.Text>
            </Card>
          )}
        </Col>
      </Row>
      <AutomationsEditor
        automations={draft.automations ?? []}
        stages={draft.stages}
        policy={policyDraft}
        onChange={(automations) => setDraft({ ...draft, automations })}
      />
    </div>
  );
}
