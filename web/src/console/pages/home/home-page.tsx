/** Home: the user's own queues with counts, overdue counts and the oldest wait, and the chosen queue oldest first. */
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { QueueCode, QueueSummary } from '../../api/console-types.ts';
import { useConsoleReturns, useQueues } from '../../api/queries.ts';
import { formatHours, hoursBetween } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ReturnsTable } from '../../components/returns-table.tsx';
import { useQuickApprove } from '../../components/use-quick-approve.ts';
import { primaryRole } from '../../session/permissions.ts';
import { useSession, useUser } from '../../session/session.tsx';
import { RefundDeadlineCard } from '../finance/refund-deadline-card.tsx';

function QueueCard({ queue, active, onSelect, now }: { queue: QueueSummary; active: boolean; onSelect: () => void; now: number }) {
  const { t } = useTranslation('console');
  return (
    <Card
      size="small"
      className={`rf-queue-card${active ? ' rf-active' : ''}`}
      onClick={onSelect}
      data-testid={`queue-${queue.code}`}
      styles={{ body: { padding: '12px 14px' } }}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong style={{ fontSize: 14 }} ellipsis>
          {t(`queue.${queue.code}.title`)}
        </Typography.Text>
        <Typography.Text style={{ fontSize: 26, fontWeight: 600, lineHeight: 1, color: queue.count > 0 ? '#1f2937' : '#bfbfbf' }} data-testid="queue-count">
          {queue.count}
        </Typography.Text>
      </Flex>
      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, marginTop: 2 }}>
        {t(`queue.${queue.code}.hint`)}
      </Typography.Text>
      <Flex justify="space-between" style={{ marginTop: 8 }} gap={8}>
        {queue.overdue > 0 ? (
          <Typography.Text type="danger" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            <ExclamationCircleOutlined /> {t('home.overdueCount', { count: queue.overdue })}
          </Typography.Text>
        ) : (
          <Typography.Text type="success" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t('home.noneOverdue')}
          </Typography.Text>
        )}
        {queue.oldestEnteredAt ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
            <ClockCircleOutlined /> {t('home.oldest', { time: formatHours(hoursBetween(queue.oldestEnteredAt, now), t) })}
          </Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
}

export default function HomePage() {
  const { t } = useTranslation('console');
  const user = useUser();
  const { can } = useSession();
  const role = primaryRole(user.roles);
  const [params, setParams] = useSearchParams();
  const queues = useQueues();
  const selected = (params.get('queue') as QueueCode | null) ?? queues.data?.primary ?? null;
  const page = Number(params.get('page') ?? '1');
  const pageSize = Number(params.get('pageSize') ?? '10');
  const list = useConsoleReturns({ queue: selected ?? undefined, sort: 'due', page, pageSize }, { enabled: selected !== null });
  const quick = useQuickApprove();
  const now = list.dataUpdatedAt || Date.now();
  const hour = new Date().getHours();
  const greeting = hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
  const overdueTotal = queues.data?.queues.find((q) => q.code === selected)?.overdue ?? 0;

  return (
    <div data-testid="page-home">
      <PageHeader title={t(`home.greeting.${greeting}`, { name: user.name })} subtitle={t(`home.roleHint.${role}`)} />
      {can('returns:refund') ? <RefundDeadlineCard /> : null}
      {queues.isLoading ? (
        <Skeleton active />
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', gap: 12, marginBottom: 16 }}>
          {queues.data?.queues.map((queue) => (
            <QueueCard key={queue.code} queue={queue} active={queue.code === selected} now={now} onSelect={() => setParams({ queue: queue.code })} />
          ))}
        </div>
      )}
      {selected ? (
        <Card
          title={
            <Flex align="center" gap={8}>
              <span>{t(`queue.${selected}.title`)}</span>
              <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
                {t('home.sortedDue')}
              </Typography.Text>
            </Flex>
          }
          styles={{ body: { paddingTop: overdueTotal > 0 ? 12 : 0 } }}
        >
          {overdueTotal > 0 ? <Alert type="error" showIcon title={t('home.overdueAlert', { count: overdueTotal })} style={{ marginBottom: 12 }} /> : null}
          {list.data && list.data.total === 0 ? (
            <Empty description={t('home.empty')} style={{ padding: 32 }} />
          ) : (
            <ReturnsTable
              rows={list.data?.data ?? []}
              loading={list.isLoading}
              total={list.data?.total ?? 0}
              moreThanTotal={list.data?.moreThanTotal ?? false}
              page={page}
              pageSize={pageSize}
              now={now}
              onPage={(p, size) => setParams({ queue: selected, page: String(p), pageSize: String(size) })}
              onQuickApprove={can('returns:review') ? (row) => void quick.approveOne(row) : undefined}
              approving={quick.approving}
            />
          )}
        </Card>
      ) : null}
    </div>
  );
}
