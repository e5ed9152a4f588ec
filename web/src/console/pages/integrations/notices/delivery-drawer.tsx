/** One notice: its full text, where it went, and every attempt to deliver it. */
import { Alert, Card, Descriptions, Drawer, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../components/format.ts';
import { useDelivery } from '../api/notices-api.ts';
import { ChannelIcon, DeliveryStatusTag, useNoticeLabels } from '../labels.tsx';
import { ResendButton } from './resend-button.tsx';

const outcomeColors: Record<string, string> = { sent: 'green', failed: 'red', sending: 'blue' };

export function DeliveryDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('integrations');
  const labels = useNoticeLabels();
  const notice = useDelivery(id);
  const n = notice.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={560}
      title={t('log.drawerTitle')}
      extra={n ? <ResendButton notice={n} size="middle" /> : null}
      destroyOnHidden
    >
      {!n ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16} data-testid="delivery-detail">
          <Descriptions column={1} size="small" styles={{ label: { width: 110 } }}>
            <Descriptions.Item label={t('log.event')}>
              {labels.event(n.eventType)}
              <Tag style={{ marginInlineStart: 8 }}>{t(`audience.${n.audience}`, { defaultValue: n.audience })}</Tag>
              {n.essential ? <Tag color="gold">{t('log.essential')}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('log.recipient')}>
              <Flex gap={6} align="center" wrap>
                <ChannelIcon channel={n.channel} />
                {labels.channel(n.channel)}
                <Typography.Text copyable={!n.recipient.startsWith('role:')}>{labels.recipient(n.recipient)}</Typography.Text>
              </Flex>
            </Descriptions.Item>
            {n.returnId ? (
              <Descriptions.Item label={t('log.return')}>
                <Link to={`/console/returns/${n.returnId}`}>{n.returnNumber}</Link>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('log.result')}>
              <Flex gap={8} align="center" wrap>
                <DeliveryStatusTag status={n.status} />
                <Typography.Text type="secondary">{t('log.attemptsCount', { count: n.attempts })}</Typography.Text>
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label={t('log.created')}>{formatDateTime(n.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('log.sent')}>{formatDateTime(n.sentAt)}</Descriptions.Item>
            {n.status === 'pending' ? <Descriptions.Item label={t('log.nextAttempt')}>{formatDateTime(n.nextAttemptAt)}</Descriptions.Item> : null}
            {n.providerMessageId ? (
              <Descriptions.Item label={t('log.providerId')}>
                <Typography.Text copyable code>
                  {n.providerMessageId}
                </Typography.Text>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('log.language')}>{t(`common:languageName.${n.locale}`, { defaultValue: n.locale })}</Descriptions.Item>
          </Descriptions>
          {n.lastError ? <Alert type="error" showIcon title={t('log.lastError')} description={n.lastError} /> : null}

          <Card size="small" title={n.subject} styles={{ body: { background: '#fafbfc' } }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('templates.short')}
            </Typography.Text>
            <Typography.Paragraph style={{ marginTop: 4 }}>{n.short}</Typography.Paragraph>
            {n.channel === 'email' ? (
              <>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('templates.body')}
                </Typography.Text>
                <pre style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', margin: '4px 0 0' }}>{n.body}</pre>
              </>
            ) : null}
            {n.link ? (
              <Typography.Link href={n.link} target="_blank" style={{ wordBreak: 'break-all', fontSize: 12 }}>
                {n.link}
              </Typography.Link>
            ) : null}
          </Card>

          <div>
            <Typography.Title level={5}>{t('log.attempts')}</Typography.Title>
            {n.attemptLog.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={n.channel === 'in_app' ? t('log.inAppNoAttempts') : t('log.noAttempts')} />
            ) : (
              <Timeline
                data-testid="attempt-log"
                items={n.attemptLog.map((a) => ({
                  color: outcomeColors[a.outcome] ?? 'gray',
                  content: (
                    <div data-attempt={a.attemptNo}>
                      <Flex gap={8} align="center" wrap>
                        <Typography.Text strong>{t('log.attemptNo', { n: a.attemptNo })}</Typography.Text>
                        <Tag color={outcomeColors[a.outcome] ?? 'default'} style={{ marginInlineEnd: 0 }}>
                          {t(`outcome.${a.outcome}`, { defaultValue: a.outcome })}
                        </Tag>
                        <Typography.Text type="secondary">{a.provider}</Typography.Text>
                        {a.statusCode ? <Typography.Text type="secondary">HTTP {a.statusCode}</Typography.Text> : null}
                      </Flex>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(a.startedAt)}
                        {a.finishedAt ? ` · ${t('log.tookMs', { ms: Math.max(0, Date.parse(a.finishedAt) - Date.parse(a.startedAt)) })}` : ''}
                      </Typography.Text>
                      {a.error ? (
                        <Typography.Paragraph type="danger" style={{ fontSize: 12, margin: '4px 0 0' }}>
                          {a.error}
                        </Typography.Paragraph>
                      ) : null}
                    </div>
                  ),
                }))}
              />
            )}
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
