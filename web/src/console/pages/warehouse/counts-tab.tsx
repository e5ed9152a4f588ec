/** Stocktaking (定期盘点): the counts in progress and done, and the count plans that make them on schedule. */
import { CalendarOutlined, MobileOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Progress, Segmented, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorText } from '../../api/client.ts';
import { formatDate, formatDateTime } from '../../components/format.ts';
import { useSession } from '../../session/session.tsx';
import { PlanModal, StartCountModal } from './count-forms.tsx';
import { type CountPlanView, type StockCountView, useCountPlans, useCounts, useRunPlan, useSaveCountPlan } from './stocktaking-api.ts';

export const countStatusColors: Record<string, string> = { counting: 'processing', submitted: 'gold', posted: 'green', cancelled: 'default' };

/** What a count covers: its warehouse, locations and categories. */
export function CountScope({ count }: { count: Pick<StockCountView, 'warehouseCode' | 'locations' | 'categories'> }) {
  const { t } = useTranslation('warehouse');
  return (
    <Flex vertical gap={2}>
      <Typography.Text>{count.warehouseCode}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
        {count.locations.length ? count.locations.join(', ') : t('counts.allLocations')}
        {count.categories.length ? ` · ${count.categories.join(', ')}` : ''}
      </Typography.Text>
    </Flex>
  );
}

export function CountsTab() {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  const [status, setStatus] = useState('open');
  const counts = useCounts(status === 'open' || status === 'all' ? undefined : status);
  const plans = useCountPlans();
  const run = useRunPlan();
  const save = useSaveCountPlan();
  const [starting, setStarting] = useState(false);
  const [planning, setPlanning] = useState<{ plan: CountPlanView | null } | null>(null);
  const approves = can('stocktaking:approve');
  const rows = (counts.data?.data ?? []).filter((c) => status !== 'open' || c.status === 'counting' || c.status === 'submitted');

  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={
          <Segmented
            value={status}
            onChange={(v) => setStatus(String(v))}
            options={['open', 'posted', 'cancelled', 'all'].map((s) => ({ value: s, label: t(`counts.filter.${s}`) }))}
            style={{ margin: '8px 0' }}
          />
        }
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setStarting(true)} data-testid="count-start">
            {t('counts.start')}
          </Button>
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<StockCountView>
          rowKey="id"
          size="middle"
          loading={counts.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 900 }}
          data-testid="count-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('counts.empty')} /> }}
          columns={[
            {
              title: t('counts.number'),
              key: 'number',
              width: 190,
              render: (_, c) => (
                <Flex vertical gap={2}>
                  <Link to={`/console/warehouse/counts/${c.id}`} data-testid={`count-link-${c.number}`}>
                    {c.number}
                  </Link>
                  {c.planId ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      <CalendarOutlined /> {plans.data?.data.find((p) => p.id === c.planId)?.name ?? t('counts.fromPlan')}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            { title: t('counts.scope'), key: 'scope', render: (_, c) => <CountScope count={c} /> },
            {
              title: t('counts.status'),
              dataIndex: 'status',
              width: 110,
              render: (s: string) => <Tag color={countStatusColors[s]}>{t(`counts.statuses.${s}`)}</Tag>,
            },
            {
              title: t('counts.progress'),
              key: 'progress',
              width: 180,
              render: (_, c) => (
                <Flex vertical gap={0}>
                  <Progress percent={c.progress.lines ? Math.round((c.progress.counted / c.progress.lines) * 100) : 0} size="small" />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('counts.countedOf', { counted: c.progress.counted, lines: c.progress.lines })}
                  </Typography.Text>
                </Flex>
              ),
            },
            { title: t('counts.snapshotAt'), dataIndex: 'snapshotAt', width: 150, render: (v: string) => formatDateTime(v) },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 200,
              align: 'right',
              render: (_, c) => (
                <Flex gap={6} justify="flex-end">
                  {c.status === 'counting' ? (
                    <Button
                      size="small"
                      type="primary"
                      icon={<MobileOutlined />}
                      onClick={() => navigate(`/console/count/${c.id}`)}
                      data-testid={`count-sheet-${c.number}`}
                    >
                      {t('counts.openSheet')}
                    </Button>
                  ) : null}
                  <Button size="small" onClick={() => navigate(`/console/warehouse/counts/${c.id}`)}>
                    {c.status === 'submitted' && approves ? t('counts.review') : t('counts.view')}
                  </Button>
                </Flex>
              ),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title={
          <Flex gap={8} align="center" style={{ padding: '8px 0' }}>
            <CalendarOutlined style={{ color: '#1677ff' }} />
            {t('plans.title')}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {t('plans.hint')}
            </Typography.Text>
          </Flex>
        }
        extra={
          approves ? (
            <Button icon={<PlusOutlined />} onClick={() => setPlanning({ plan: null })} data-testid="plan-new">
              {t('plans.new')}
            </Button>
          ) : null
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<CountPlanView>
          rowKey="id"
          size="middle"
          loading={plans.isLoading}
          dataSource={plans.data?.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.empty')} /> }}
          columns={[
            { title: t('plans.name'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
            { title: t('counts.scope'), key: 'scope', render: (_, p) => <CountScope count={p} /> },
            {
              title: t('plans.schedule'),
              dataIndex: 'schedule',
              width: 110,
              render: (s: string) => <Tag color={s === 'once' ? 'default' : 'blue'}>{t(`plans.schedules.${s}`)}</Tag>,
            },
            { title: t('plans.nextRun'), dataIndex: 'nextRunOn', width: 120, render: (v: string | null) => v ?? '—' },
            { title: t('plans.lastRun'), dataIndex: 'lastRunAt', width: 120, render: (v: string | null) => formatDate(v) },
            {
              title: t('plans.active'),
              key: 'active',
              width: 80,
              render: (_, p) => (
                <Switch
                  size="small"
                  checked={p.active}
                  disabled={!approves}
                  onChange={(active) => save.mutateAsync({ id: p.id, update: { active } }).catch((e: unknown) => message.error(errorText(t, e)))}
                />
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 190,
              align: 'right',
              render: (_, p) => (
                <Flex gap={6} justify="flex-end">
                  <Button
                    size="small"
                    icon={<PlayCircleOutlined />}
                    disabled={!p.active}
                    loading={run.isPending && run.variables === p.id}
                    data-testid="plan-run"
                    onClick={() =>
                      run.mutateAsync(p.id).then(
                        (count) => {
                          message.success(t('counts.started', { number: count.number, count: count.progress.lines }));
                          navigate(`/console/warehouse/counts/${count.id}`);
                        },
                        (e: unknown) => message.error(errorText(t, e)),
                      )
                    }
                  >
                    {t('plans.runNow')}
                  </Button>
                  {approves ? (
                    <Button size="small" onClick={() => setPlanning({ plan: p })}>
                      {t('plans.edit')}
                    </Button>
                  ) : null}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <StartCountModal open={starting} onClose={() => setStarting(false)} />
      <PlanModal open={planning !== null} plan={planning?.plan ?? null} onClose={() => setPlanning(null)} />
    </Flex>
  );
}
