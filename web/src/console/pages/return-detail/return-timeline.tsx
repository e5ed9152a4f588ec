/** Who did what, when: the full history of the return. */
import { Card, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReturnView } from '../../../api/types.ts';
import { formatDateTime } from '../../components/format.ts';

const colors: Record<string, string> = {
  create: 'blue',
  approve: 'green',
  reject: 'red',
  cancel: 'gray',
  ship: 'blue',
  receive: 'blue',
  inspect: 'purple',
  refund: 'green',
  approve_refund: 'green',
  close: 'gray',
  ship_replacement: 'green',
};

export function ReturnTimeline({ timeline }: { timeline: ReturnView['timeline'] }) {
  const { t, i18n } = useTranslation('console');
  const actorName = (entry: ReturnView['timeline'][number]) => {
    if (entry.actor.name) return entry.actor.name;
    return t(`actor.${entry.actor.kind}`, { defaultValue: entry.actor.kind });
  };
  return (
    <Card title={t('detail.timeline')} size="small">
      <Timeline
        data-testid="timeline"
        style={{ marginTop: 8, marginBottom: -16 }}
        items={timeline.map((entry) => ({
          color: colors[entry.action] ?? 'blue',
          content: (
            <div>
              <Typography.Text strong>
                {t(`timeline.${entry.action}`, { defaultValue: entry.action })}
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
                  → {t(`common:status.${entry.status}`, { defaultValue: entry.status })}
                </Typography.Text>
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {actorName(entry)}
                {entry.actor.kind === 'customer' ? ` · ${t('actor.customer')}` : ''} · {formatDateTime(entry.at, i18n.language)}
              </Typography.Text>
              {entry.note ? <div style={{ marginTop: 2 }}>{entry.note}</div> : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
