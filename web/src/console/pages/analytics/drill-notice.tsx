/** On the returns list: which analytics filters a chart's drill-down applied, with a way to clear them. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useLabels } from '../../components/labels.ts';

/** The returns-list query parameters a drill-down may add. */
export const drillKeys = ['productId', 'category', 'supplierId', 'reasonCodes', 'orderChannel', 'warehouseId'] as const;

const lookups = { productId: 'products', supplierId: 'suppliers', warehouseId: 'warehouses' } as const;

/**
 * The name of a product, supplier or warehouse a drill-down filtered by: the address
 * carries only its id. Falls back to the id when the reader may not see the record.
 */
function useRecordName(key: keyof typeof lookups, id: string | null): string | null {
  const name = useQuery({
    queryKey: ['drill-name', key, id],
    queryFn: async ({ signal }) => {
      const record = await api.get<{ name: string; sku?: string }>(`${lookups[key]}/${encodeURIComponent(id ?? '')}`, signal);
      return record.sku ? `${record.sku} ${record.name}` : record.name;
    },
    enabled: id !== null && id !== '',
    staleTime: 5 * 60_000,
    retry: false,
  });
  return name.data ?? id;
}

export function DrillNotice({ params, onClear }: { params: URLSearchParams; onClear: (kept: Record<string, string>) => void }) {
  const { t } = useTranslation('analytics');
  const labels = useLabels();
  const names = {
    productId: useRecordName('productId', params.get('productId')),
    supplierId: useRecordName('supplierId', params.get('supplierId')),
    warehouseId: useRecordName('warehouseId', params.get('warehouseId')),
  };
  const active = drillKeys.filter((k) => params.get(k));
  if (active.length === 0) return null;
  const value = (k: (typeof drillKeys)[number], v: string) => {
    if (k === 'orderChannel') return labels.channel(v);
    if (k === 'reasonCodes') return v.split(',').map(labels.reason).join('、');
    if (k === 'productId' || k === 'supplierId' || k === 'warehouseId') return names[k] ?? v;
    return v;
  };
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
