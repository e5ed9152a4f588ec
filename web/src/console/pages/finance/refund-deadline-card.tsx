/** On finance's home page: refunds owed by their legal deadline — overdue, due soon, awaiting approval. */
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFinanceQueue } from './finance-api.ts';

export function RefundDeadlineCard() {
  const { t } = useTranslation('finance');
  const navigate = useNavigate();
  const queue = useFinanceQueue();
  const summary = queue.data?.summary;
  if (!summary) return null;
  const urgent = summary.overdue > 0;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16, borderColor: urgent ? '#ff4d4f' : summary.dueSoon > 0 ? '#faad14' : undefined }}
      data-testid="refund-deadline-card"
      title={
        <Flex gap={8} align="center">
          {urgent ? <ExclamationCircleOutlined style={{ color: '#ff4d4f' }} /> : null}
          <span>{t('card.title')}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            {t('card.hint', { days: queue.data?.deadlineDays ?? 7 })}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Button type="link" onClick={() => navigate('/console/finance')} data-testid="open-finance">
          {t('card.open')}
        </Button>
      }
    >
      {summary.overdue === 0 && summary.dueSoon === 0 && summary.awaitingApproval === 0 ? (
        <Typography.Text type="success">{t('card.allGood')}</Typography.Text>
      ) : (
        <Flex gap={32} wrap>
          <Statistic title={t('card.overdue')} value={summary.overdue} styles={{ content: { color: summary.overdue > 0 ? '#cf1322' : undefined } }} />
          <Statistic title={t('card.dueSoon')} value={summary.dueSoon} styles={{ content: { color: summary.dueSoon > 0 ? '#d46b08' : undefined } }} />
          <Statistic title={t('card.waiting')} value={summary.awaitingApproval} />
        </Flex>
      )}
    </Card>
  );
}
