/** How the return is settled: its kind, the outcome, and the channel that took it. */
import { Card, Flex, Radio, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../components/labels.ts';

export type ReturnKind = 'return' | 'refund_only';
export type Resolution = 'refund' | 'exchange' | 'store_credit';
export type Channel = 'phone' | 'chat';
export type ReturnOptionsValue = { type: ReturnKind; resolution: Resolution; channel: Channel };

export function ReturnOptions({ value, onChange }: { value: ReturnOptionsValue; onChange: (next: ReturnOptionsValue) => void }) {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const { type, resolution, channel } = value;
  return (
    <Card title={t('create.step3')} size="small">
      <Flex vertical gap={12}>
        <div>
          <Typography.Text type="secondary">{t('create.kind')}</Typography.Text>
          <Radio.Group
            style={{ display: 'flex', marginTop: 4 }}
            value={type}
            onChange={(e) => {
              onChange({
                type: e.target.value as ReturnKind,
                resolution: e.target.value === 'refund_only' && resolution === 'exchange' ? 'refund' : resolution,
                channel,
              });
            }}
            options={[
              { value: 'return', label: t('common:type.return') },
              { value: 'refund_only', label: t('common:type.refund_only') },
            ]}
          />
        </div>
        <div>
          <Typography.Text type="secondary">{t('create.resolution')}</Typography.Text>
          <Radio.Group
            style={{ display: 'flex', marginTop: 4 }}
            value={resolution}
            onChange={(e) => onChange({ type, resolution: e.target.value as Resolution, channel })}
            options={[
              { value: 'refund', label: t('common:resolution.refund') },
              { value: 'exchange', label: t('common:resolution.exchange'), disabled: type === 'refund_only' },
              { value: 'store_credit', label: t('common:resolution.store_credit') },
            ]}
          />
        </div>
        <div>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
            {t('create.channel')}
          </Typography.Text>
          <Segmented<'phone' | 'chat'>
            value={channel}
            onChange={(next) => onChange({ type, resolution, channel: next })}
            options={[
              { value: 'phone', label: labels.channel('phone') },
              { value: 'chat', label: labels.channel('chat') },
            ]}
          />
        </div>
      </Flex>
    </Card>
  );
}
