/** Everything about one stage of the process being designed: names, owner, time limit, amount, operating steps. */
import { DeleteOutlined } from '@ant-design/icons';
import { addableStages, optionalStages } from '@server/modules/process/process.schema.ts';
import { Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StageDraft } from '../../api/policy-types.ts';
import { useLabels } from '../../components/labels.ts';

const owners = ['customer', 'service', 'warehouse', 'finance', 'manager'];
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Operating steps, one a line; the text is kept as typed (blank lines too) while the steps are taken from it. */
function StepsField({ steps, onChange }: { steps: string[]; onChange: (steps: string[]) => void }) {
  const [text, setText] = useState(steps.join('\n'));
  return (
    <Input.TextArea
      autoSize={{ minRows: 2, maxRows: 6 }}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(lines(e.target.value));
      }}
    />
  );
}

type StagePanelProps = { stage: StageDraft; onChange: (stage: StageDraft) => void; onRemove: () => void };

export function StagePanel({ stage, onChange, onRemove }: StagePanelProps) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const optional = optionalStages.includes(stage.code);
  const added = addableStages.includes(stage.code);
  return (
    <Card
      size="small"
      title={labels.english ? stage.nameEn : stage.name}
      data-testid="design-panel"
      extra={
        added ? (
          <Button size="small" danger icon={<DeleteOutlined />} onClick={onRemove} data-testid="design-remove">
            {t('processDesigner.removeStage')}
          </Button>
        ) : null
      }
    >
      <Form layout="vertical">
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label={t('process.nameZh')}>
              <Input value={stage.name} maxLength={40} onChange={(e) => onChange({ ...stage, name: e.target.value })} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('process.nameEn')}>
              <Input value={stage.nameEn} maxLength={60} onChange={(e) => onChange({ ...stage, nameEn: e.target.value })} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('process.owner')}>
              <Select
                data-testid="design-owner"
                value={stage.ownerRole}
                options={owners.map((o) => ({ value: o, label: labels.role(o) }))}
                onChange={(ownerRole) => onChange({ ...stage, ownerRole })}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('process.limitHours')}>
              <InputNumber
                data-testid="design-limit"
                min={1}
                max={8760}
                precision={0}
                style={{ width: '100%' }}
                placeholder={t('process.none')}
                value={stage.timeLimitHours}
                onChange={(v) => onChange({ ...stage, timeLimitHours: v || null })}
              />
            </Form.Item>
          </Col>
        </Row>
        {stage.code === 'refund' || stage.code === 'finance_approval' ? (
          <Form.Item label={t('processDesigner.limitFrom')}>
            <Radio.Group
              value={stage.timeLimitFrom ?? 'entered'}
              onChange={(e) => onChange({ ...stage, timeLimitFrom: e.target.value })}
              options={[
                { value: 'entered', label: t('processDesigner.fromEntered') },
                { value: 'received', label: t('processDesigner.fromReceived') },
              ]}
            />
          </Form.Item>
        ) : null}
        {optional ? (
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item label={t('process.enabled')}>
                <Switch checked={stage.enabled} onChange={(enabled) => onChange({ ...stage, enabled })} />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item label={t('processDesigner.minAmount')} extra={t(`processDesigner.minAmountHelp.${stage.code}`)}>
                <InputNumber
                  data-testid="design-min-amount"
                  prefix="¥"
                  min={0}
                  precision={2}
                  style={{ width: '100%' }}
                  placeholder={t('processDesigner.always')}
                  value={typeof stage.minAmount === 'number' ? stage.minAmount / 100 : null}
                  onChange={(v) => onChange({ ...stage, minAmount: v === null ? null : Math.round(v * 100) })}
                />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <Typography.Paragraph type="secondary">{t('processDesigner.coreStage')}</Typography.Paragraph>
        )}
        <Form.Item label={t('process.stepsZh')}>
          <StepsField key={`${stage.code}-zh`} steps={stage.steps} onChange={(steps) => onChange({ ...stage, steps })} />
        </Form.Item>
        <Form.Item label={t('process.stepsEn')} style={{ marginBottom: 0 }}>
          <StepsField key={`${stage.code}-en`} steps={stage.stepsEn} onChange={(stepsEn) => onChange({ ...stage, stepsEn })} />
        </Form.Item>
      </Form>
    </Card>
  );
}
