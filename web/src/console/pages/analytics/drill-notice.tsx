/** On the returns list: which analytics filters a chart's drill-down applied, with a way to clear them. */
import { Alert, Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../components/labels.ts';

/** The returns-list query parameters a drill-down may add. */
export const drillKeys = ['productId', 'category', 'supplierId', 'reasonCodes', 'orderChannel', 'warehouseId'] as const;

export function DrillNotice({ params, onClear }: { params: URLSearchParams; onClear: (kept: Record<string, string>) => void }) {
  const { t } = useTranslation('analytics');
  const labels = useLabels();
  const active = drillKeys.filter((k) => params.get(k));
  if (active.length === 0) return null;
  const value = (k: (typeof drillKeys)[number], v: string) =>
    k === 'orderChannel' ? labels.channel(v) : k === 'reasonCodes' ? v.split(',').map(labels.reason).join('、') : v;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="drill-notice"
      title={
        <span>
          {t('drill.title')}:{' '}
          {active.map((k) => (
            <Tag key={k}>
              {t(`drill.${k}`, { defaultValue: k })}: {value(k, params.get(k) ?? '')}
            </Tag>
          ))}
        </span>
      }
      action={
        <Button size="small" onClick={() => onClear(Object.fromEntries([...params].filter(([k]) => !(drillKeys as readonly string[]).includes(k))))}>
          {t('drill.clear')}
        </Button>
      }
    />
  );
}
