/**
 * A manager edits the process without code: stage names, owners, time limits and
 * operating steps; optional stages switched on or off or limited to larger refunds;
 * added stages (second review, finance approval). What the form does not show (the
 * automations, where a time limit counts from) is sent back unchanged.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { addableStageTemplates } from '@server/modules/process/default-process.ts';
import { optionalStages } from '@server/modules/process/process.schema.ts';
import { App, Button, Col, Drawer, Dropdown, Flex, Form, Input, InputNumber, Row, Select, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import type { ProcessStageView, ProcessUpdateBody } from '../../api/console-types.ts';
import { useSaveProcess } from '../../api/queries.ts';
import { useLabels } from '../../components/labels.ts';

type Stage = ProcessUpdateBody['stages'][number];
type StageCode = Stage['code'];
type StageForm = {
  name: string;
  nameEn: string;
  ownerRole: string;
  timeLimitHours: number | null;
  enabled: boolean;
  minYuan: number | null;
  steps: string;
  stepsEn: string;
};

const owners = ['customer', 'service', 'warehouse', 'finance', 'manager'];
const order: StageCode[] = ['apply', 'review', 'second_review', 'return_shipping', 'receiving', 'inspection', 'finance_approval', 'refund', 'done'];
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A stage as it was read, without the live numbers. */
function bare({ current: _c, overdue: _o, medianHours: _m, typicalHours: _t, ...stage }: ProcessStageView): Stage {
  return stage;
}

function toForm(stage: Stage): StageForm {
  return {
    name: stage.name,
    nameEn: stage.nameEn,
    ownerRole: stage.ownerRole,
    timeLimitHours: stage.timeLimitHours,
    enabled: stage.enabled,
    minYuan: typeof stage.minAmount === 'number' ? stage.minAmount / 100 : null,
    steps: stage.steps.join('\n'),
    stepsEn: stage.stepsEn.join('\n'),
  };
}

export type SopEditorProps = { open: boolean; stages: ProcessStageView[]; automations: ProcessUpdateBody['automations']; onClose: () => void };

export function SopEditor({ open, stages: initialStages, automations, onClose }: SopEditorProps) {
  const { t } = useTranslation('console');
  const { message } = App.useApp();
  const labels = useLabels();
  const save = useSaveProcess();
  const [stages, setStages] = useState<Stage[]>(() => initialStages.map(bare));
  const [form] = Form.useForm<Record<string, StageForm>>();
  const addable = (Object.keys(addableStageTemplates) as (keyof typeof addableStageTemplates)[]).filter((code) => !stages.some((s) => s.code === code));

  function add(code: keyof typeof addableStageTemplates) {
    const template = addableStageTemplates[code];
    setStages((current) => [...current, template].sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code)));
    form.setFieldValue(code, toForm(template));
  }

  async function submit() {
    const values = await form.validateFields();
    const body: ProcessUpdateBody = {
      automations,
      stages: stages.map((stage) => {
        const v = values[stage.code] ?? toForm(stage);
        const optional = optionalStages.includes(stage.code);
        return {
          ...stage,
          name: v.name.trim(),
          nameEn: v.nameEn.trim(),
          ownerRole: v.ownerRole,
          timeLimitHours: v.timeLimitHours || null,
          enabled: optional ? v.enabled : true,
          ...(optional ? { minAmount: v.minYuan ? Math.round(v.minYuan * 100) : null } : {}),
          steps: lines(v.steps),
          stepsEn: lines(v.stepsEn),
        };
      }),
    };
    try {
      await save.mutateAsync(body);
      message.success(t('process.saved'));
      onClose();
    } catch (error) {
      message.error(errorText(t, error));
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={860}
      title={t('process.editTitle')}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          {addable.length > 0 ? (
            <Dropdown
              menu={{
                items: addable.map((code) => ({ key: code, label: labels.stage(code) })),
                onClick: ({ key }) => add(key as keyof typeof addableStageTemplates),
              }}
            >
              <Button icon={<PlusOutlined />}>{t('process.addStage')}</Button>
            </Dropdown>
          ) : null}
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit()} data-testid="process-save">
            {t('common:actions.save')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('process.editHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={Object.fromEntries(stages.map((s) => [s.code, toForm(s)]))}>
        {stages.map((stage, index) => {
          const optional = optionalStages.includes(stage.code);
          const removable = stage.code in addableStageTemplates;
          return (
            <div key={stage.code} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 16, marginBottom: 16 }}>
              <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                <Flex gap={8} align="center">
                  <Typography.Text strong>
                    {index + 1}. {labels.stage(stage.code)}
                  </Typography.Text>
                  {optional ? <Tag>{t('process.optional')}</Tag> : null}
                </Flex>
                {removable ? (
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => setStages((s) => s.filter((x) => x.code !== stage.code))}>
                    {t('process.removeStage')}
                  </Button>
                ) : null}
              </Flex>
              <Row gutter={12}>
                <Col span={6}>
                  <Form.Item name={[stage.code, 'name']} label={t('process.nameZh')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={40} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[stage.code, 'nameEn']} label={t('process.nameEn')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={60} />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[stage.code, 'ownerRole']} label={t('process.owner')}>
                    <Select options={owners.map((o) => ({ value: o, label: labels.role(o) }))} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[stage.code, 'timeLimitHours']} label={t('process.limitHours')}>
                    <InputNumber min={1} max={8760} precision={0} style={{ width: '100%' }} placeholder={t('process.none')} />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item
                    name={[stage.code, 'enabled']}
                    label={t('process.enabled')}
                    valuePropName="checked"
                    tooltip={optional ? undefined : t('process.coreStage')}
                  >
                    <Switch disabled={!optional} />
                  </Form.Item>
                </Col>
              </Row>
              {optional ? (
                <Form.Item name={[stage.code, 'minYuan']} label={t('process.minAmount')} extra={t('process.minAmountHelp')}>
                  <InputNumber min={0} precision={2} prefix="¥" style={{ width: 200 }} placeholder={t('process.allReturns')} />
                </Form.Item>
              ) : null}
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name={[stage.code, 'steps']} label={t('process.stepsZh')} style={{ marginBottom: 0 }}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={[stage.code, 'stepsEn']} label={t('process.stepsEn')} style={{ marginBottom: 0 }}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
                  </Form.Item>
                </Col>
              </Row>
            </div>
          );
        })}
      </Form>
    </Drawer>
  );
}
