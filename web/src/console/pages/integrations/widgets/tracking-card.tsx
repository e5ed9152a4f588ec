/** What the carrier reported for a return's parcel (快递100 pushes): picked up, in transit, delivered to the warehouse. */
import { RadarChartOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../components/format.ts';
import { useTracking } from '../api/connect-api.ts';

type Phase = 'with_carrier' | 'delivered' | 'problem' | 'other';

/** 快递100's state codes: 3xx delivered; 2, 4, 6, 14 (and 201, 401) a problem; the rest with the carrier. */
function phaseOf(state: string): Phase {
  if (/^3\d*$/.test(state)) return 'delivered';
  if (['2', '4', '6', '14', '201', '401'].includes(state)) return 'problem';
  if (['0', '1', '5', '7', '8', '103', '501'].includes(state) || /^100\d$/.test(state)) return 'with_carrier';
  return 'other';
}

/** The main state of a detailed code (301 → 3, 1001 → 1). */
const mainState = (state: string) => (/^100\d$/.test(state) ? '1' : state.length === 3 ? state.slice(0, 1) : state);
const phaseColors: Record<Phase, string> = { with_carrier: 'processing', delivered: 'success', problem: 'error', other: 'default' };

export function TrackingCard({ returnId, trackingNumber }: { returnId: string; trackingNumber: string | null }) {
  const { t } = useTranslation('integrations');
  const tracking = useTracking(returnId);
  const tr = tracking.data;
  if (!tr && !trackingNumber) return null;
  const phase = tr ? phaseOf(tr.state) : null;
  const current = !tr ? 0 : tr.arrivedAt ? 2 : tr.pickedUpAt || phase === 'with_carrier' ? 1 : 0;

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <RadarChartOutlined />
          {t('tracking.title')}
        </Flex>
      }
      extra={
        tr && phase ? (
          <Tag color={phaseColors[phase]} style={{ marginInlineEnd: 0 }} data-testid="tracking-state">
            {t(`tracking.states.${mainState(tr.state)}`, { defaultValue: t('tracking.stateCode', { code: tr.state }) })}
          </Tag>
        ) : null
      }
      data-testid="tracking-card"
    >
      {!tr ? (
        <Typography.Text type="secondary">{t('tracking.waiting')}</Typography.Text>
      ) : (
        <Flex vertical gap={12}>
          {/* Vertical: the card sits in the narrow side column of the return. */}
          <Steps
            size="small"
            orientation="vertical"
            current={current}
            status={phase === 'problem' ? 'error' : current === 2 ? 'finish' : 'process'}
            items={[
              { title: t('tracking.pickedUp'), content: tr.pickedUpAt ? formatDateTime(tr.pickedUpAt) : undefined },
              { title: t('tracking.inTransit') },
              { title: t('tracking.arrived'), content: tr.arrivedAt ? formatDateTime(tr.arrivedAt) : undefined },
            ]}
          />
          {tr.lastContext ? (
            <div style={{ background: '#f6f8fb', borderRadius: 6, padding: '8px 10px' }}>
              <Typography.Text style={{ fontSize: 13 }}>{tr.lastContext}</Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {formatDateTime(tr.lastEventAt)} · {t(`tracking.carriers.${tr.carrierCode ?? ''}`, { defaultValue: tr.carrierCode ?? '' })} {tr.trackingNumber}
              </Typography.Text>
            </div>
          ) : null}
          {tr.arrivedAt ? <Alert type="info" showIcon title={t('tracking.arrivedHint')} /> : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tracking.updated', { provider: t(`tracking.providers.${tr.provider}`, { defaultValue: tr.provider }), time: formatDateTime(tr.updatedAt) })}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
