/** Where the return is in the process, drawn as steps. */
import { Card, Grid, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReturnView } from '../../../api/types.ts';
import { useLabels } from '../../components/labels.ts';

export function ProcessSteps({ ret }: { ret: ReturnView }) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const screens = Grid.useBreakpoint();
  const stages = labels.stages.filter((s) => s.enabled);
  if (stages.length === 0) return null;
  const stopped = ret.status === 'rejected' || ret.status === 'cancelled';
  const current = Math.max(
    0,
    stages.findIndex((s) => s.code === ret.stage),
  );
  return (
    <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: '16px 20px', overflowX: 'auto' } }}>
      <Steps
        size="small"
        titlePlacement={screens.xl ? 'horizontal' : 'vertical'}
        current={current}
        status={stopped ? 'error' : ret.stage === 'done' ? 'finish' : 'process'}
        items={stages.map((s, i) => ({
          title: s.code === 'done' && stopped ? t(`common:status.${ret.status}`) : labels.stage(s.code),
          content: i === current && ret.stage !== 'done' ? labels.role(s.ownerRole) : undefined,
        }))}
      />
    </Card>
  );
}
