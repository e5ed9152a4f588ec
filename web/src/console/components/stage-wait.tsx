/** How long a return has sat in its stage, against the stage's due time: red when overdue, orange when close. */
import { ClockCircleOutlined, ExclamationCircleFilled } from '@ant-design/icons';
import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatHours, hoursBetween } from './format.ts';

export type StageWaitProps = { enteredAt: string | null; dueAt: string | null; now?: number };

export function StageWait({ enteredAt, dueAt, now = Date.now() }: StageWaitProps) {
  const { t, i18n } = useTranslation('console');
  if (!enteredAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const waited = formatHours(hoursBetween(enteredAt, now), t);
  if (!dueAt) return <Typography.Text type="secondary">{t('due.waited', { time: waited })}</Typography.Text>;
  const left = hoursBetween(new Date(now).toISOString(), dueAt);
  const tooltip = t('due.dueAt', { time: formatDateTime(dueAt, i18n.language) });
  if (left < 0) {
    return (
      <Tooltip title={tooltip}>
        <Typography.Text type="danger" strong data-overdue="true">
          <ExclamationCircleFilled /> {t('due.overdueBy', { time: formatHours(-left, t) })}
        </Typography.Text>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={tooltip}>
      <Typography.Text type={left < 4 ? 'warning' : 'secondary'}>
        <ClockCircleOutlined /> {t('due.left', { time: formatHours(left, t) })}
      </Typography.Text>
    </Tooltip>
  );
}
