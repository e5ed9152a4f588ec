/** How close a refund is to its legal deadline: on time, due soon (orange), overdue (red), with the days left. */
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';

export type DeadlineState = 'ok' | 'due_soon' | 'overdue';

const colors: Record<DeadlineState, string> = { ok: 'green', due_soon: 'orange', overdue: 'red' };

export function DeadlineTag({ dueAt, state, daysLeft }: { dueAt: string | null; state: DeadlineState | null; daysLeft?: number | null }) {
  const { t } = useTranslation('finance');
  if (!dueAt || !state) return <Tag>{t('deadline.none')}</Tag>;
  const left = daysLeft ?? Math.ceil((Date.parse(dueAt) - Date.now()) / 86_400_000);
  const text =
    state === 'overdue'
      ? t('deadline.overdueBy', { count: Math.max(1, -left + 1) })
      : left <= 0
        ? t('deadline.dueToday')
        : t('deadline.daysLeft', { count: left });
  return (
    <Tooltip title={`${t(`deadline.${state}`)} · ${formatDateTime(dueAt)}`}>
      <Tag color={colors[state]} icon={state === 'ok' ? <ClockCircleOutlined /> : <ExclamationCircleOutlined />} data-deadline={state}>
        {text}
      </Tag>
    </Tooltip>
  );
}
