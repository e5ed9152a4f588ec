/** The policy's decision in words: every rule it checked and what came of it. */
import { CheckCircleFilled, CloseCircleFilled, InfoCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Decision } from '../../../api/types.ts';

const icons: Record<string, React.ReactNode> = {
  pass: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  approve: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  fail: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  review: <QuestionCircleFilled style={{ color: '#faad14' }} />,
  info: <InfoCircleFilled style={{ color: '#1677ff' }} />,
};

export function DecisionRules({ decision, lineNames }: { decision: Decision; lineNames: Map<string, string> }) {
  const { t, i18n } = useTranslation('console');
  const english = i18n.language === 'en';
  return (
    <Card
      title={t('detail.decision')}
      size="small"
      extra={
        <Flex gap={6}>
          <Tag color={decision.outcome === 'approved' ? 'green' : 'orange'} style={{ marginInlineEnd: 0 }}>
            {t(`decision.${decision.outcome}`)}
          </Tag>
          <Tag style={{ marginInlineEnd: 0 }}>{t('decision.version', { version: decision.policyVersion })}</Tag>
        </Flex>
      }
    >
      <Flex vertical gap={10} data-testid="decision-rules">
        {decision.rules.map((rule) => (
          <Flex key={`${rule.rule}-${rule.orderLineId ?? ''}-${rule.message}`} gap={10} align="flex-start">
            <span style={{ marginTop: 2 }}>{icons[rule.outcome] ?? icons.info}</span>
            <div style={{ minWidth: 0 }}>
              <Typography.Text>{english ? rule.messageEn : rule.message}</Typography.Text>
              {rule.orderLineId && lineNames.get(rule.orderLineId) && !rule.message.includes(lineNames.get(rule.orderLineId) ?? '') ? (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {lineNames.get(rule.orderLineId)}
                </Typography.Text>
              ) : null}
            </div>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
