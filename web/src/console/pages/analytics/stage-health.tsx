/** Each stage's health over the last 30 days, for colouring the process flowchart (only for those who may read reports). */
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../session/session.tsx';
import { useProcessHealth } from './analytics-api.ts';

export type StageHealth = 'good' | 'warn' | 'bad' | 'idle';

/** Stage code → health, or an empty map while loading or without the right to read reports. */
export function useStageHealth(): Record<string, StageHealth> {
  const { can } = useSession();
  const report = useProcessHealth({}, can('reports:read'));
  return Object.fromEntries((report.data?.stages ?? []).map((s) => [s.stage, s.health]));
}

const tagColor: Record<StageHealth, string> = { good: 'success', warn: 'warning', bad: 'error', idle: 'default' };

/** What the colours of the flowchart mean; shown only when the chart is coloured. */
export function StageHealthLegend({ health }: { health: Record<string, StageHealth> }) {
  const { t } = useTranslation('analytics');
  if (Object.keys(health).length === 0) return null;
  return (
    <Flex gap={6} wrap align="center" style={{ padding: '4px 8px' }} data-testid="stage-health-legend">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('health.legend')}
      </Typography.Text>
      {(['good', 'warn', 'bad', 'idle'] as const).map((h) => (
        <Tag key={h} color={tagColor[h]} style={{ marginInlineEnd: 0 }}>
          {t(`health.${h}`)}
        </Tag>
      ))}
      <Link to="/console/analytics" style={{ fontSize: 12, marginInlineStart: 4 }}>
        {t('health.open')}
      </Link>
    </Flex>
  );
}
