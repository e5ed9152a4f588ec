/** The stage the return sits in: who owns it, when it is due, and its operating steps (操作步骤). */
import { CheckSquareOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReturnWorkbench } from '../../api/console-types.ts';
import { useLabels } from '../../components/labels.ts';
import { StageWait } from '../../components/stage-wait.tsx';
import { useUser } from '../../session/session.tsx';

export function StageCard({ stage }: { stage: NonNullable<ReturnWorkbench['stage']> }) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const user = useUser();
  const steps = labels.english ? stage.stepsEn : stage.steps;
  const mine = user.roles.includes(stage.ownerRole) || (user.roles.includes('admin') && stage.ownerRole !== 'customer');
  return (
    <Card
      size="small"
      title={t('detail.stage')}
      extra={
        <Tag icon={<UserOutlined />} color={stage.ownerRole === 'customer' ? 'default' : 'blue'} style={{ marginInlineEnd: 0 }}>
          {labels.role(stage.ownerRole)}
        </Tag>
      }
      data-testid="stage-card"
    >
      <Flex justify="space-between" align="baseline" gap={8} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {labels.english ? stage.nameEn : stage.name}
        </Typography.Title>
        {stage.code !== 'done' ? <StageWait enteredAt={stage.enteredAt} dueAt={stage.dueAt} /> : null}
      </Flex>
      {stage.timeLimitHours ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('detail.timeLimit', { hours: stage.timeLimitHours })}
        </Typography.Text>
      ) : null}
      {mine && stage.code !== 'done' ? <Alert type="info" showIcon title={t('detail.yourTurn')} style={{ marginTop: 10 }} /> : null}
      <Typography.Text strong style={{ display: 'block', marginTop: 12, marginBottom: 6 }}>
        {t('detail.sop')}
      </Typography.Text>
      <Flex vertical gap={6} data-testid="sop-steps">
        {steps.map((step) => (
          <Flex key={step} gap={8} align="flex-start">
            <CheckSquareOutlined style={{ color: '#1677ff', marginTop: 4 }} />
            <Typography.Text>{step}</Typography.Text>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
