/** Small pieces the warehouse tabs share: a scan box for products, a location picker, tags for location kinds and document kinds. */
import { BarcodeOutlined } from '@ant-design/icons';
import { App, Input, type InputRef, Select, Tag, Typography } from 'antd';
import { type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api/client.ts';
import { type CodeLookup, lookupCode, useAllLocations, type WarehouseLocationView } from './warehouse-api.ts';

export const kindColors: Record<string, string> = { sellable: 'blue', returns: 'orange', quarantine: 'purple', damaged: 'default' };

export function LocationKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation('warehouse');
  return (
    <Tag color={kindColors[kind] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`kind.${kind}`, { defaultValue: kind })}
    </Tag>
  );
}

/** A location's name in the interface language: the contract's three are translated, others show their own name. */
export function useLocationName() {
  const { t } = useTranslation('console');
  const locations = useAllLocations();
  return (code: string | null | undefined): string => {
    if (!code) return t('location.none');
    const translated = t(`location.${code}`, { defaultValue: '' });
    if (translated) return translated;
    return locations.find((l) => l.code === code)?.name ?? code;
  };
}

export type LocationSelectProps = {
  value?: string | null | undefined;
  onChange?: (code: string) => void;
  kinds?: readonly string[];
  warehouseCode?: string | undefined;
  placeholder?: string;
  style?: React.CSSProperties;
  allowOut?: boolean;
  testId?: string;
  size?: 'small' | 'middle' | 'large';
};

/** Picks a location (code), optionally of some kinds or one warehouse; `allowOut` adds "out of stock" (value ''). */
export function LocationSelect({ value, onChange, kinds, warehouseCode, placeholder, style, allowOut, testId, size }: LocationSelectProps) {
  const { t } = useTranslation('warehouse');
  const name = useLocationName();
  const locations = useAllLocations().filter((l) => (!kinds || kinds.includes(l.kind)) && (!warehouseCode || l.warehouseCode === warehouseCode));
  const option = (l: WarehouseLocationView) => ({
    value: l.code,
    label: `${name(l.code)} · ${l.code}`,
    search: `${l.code} ${l.name} ${l.warehouseCode}`,
  });
  return (
    <Select
      showSearch={{ optionFilterProp: 'search' }}
      value={value === null ? '' : value}
      onChange={onChange}
      placeholder={placeholder ?? t('common.pickLocation')}
      style={style}
      size={size}
      data-testid={testId}
      popupMatchSelectWidth={false}
      options={[...(allowOut ? [{ value: '', label: t('common.outOfStock'), search: 'out' }] : []), ...locations.map(option)]}
    />
  );
}

export type ProductScanProps = {
  onFound: (found: CodeLookup) => void;
  placeholder?: string;
  size?: 'middle' | 'large';
  testId?: string;
  autoFocus?: boolean;
  inputRef?: Ref<InputRef>;
};

/** Scan a barcode or type a SKU and press Enter: the product it names, with its stock, is handed over. */
export function ProductScan({ onFound, placeholder, size = 'middle', testId, autoFocus, inputRef }: ProductScanProps) {
  const { t } = useTranslation('warehouse');
  const { message } = App.useApp();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const search = async (raw: string) => {
    const code = raw.trim();
    if (!code) return;
    setBusy(true);
    try {
      onFound(await lookupCode(code));
      setValue('');
    } catch (error) {
      message.warning(error instanceof ApiError && error.status === 404 ? t('common.codeNotFound', { code }) : errorText(t, error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Input.Search
      ref={inputRef}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onSearch={search}
      loading={busy}
      size={size}
      autoFocus={autoFocus}
      allowClear
      enterButton={t('common.add')}
      prefix={<BarcodeOutlined style={{ color: '#8c8c8c' }} />}
      placeholder={placeholder ?? t('common.scanPlaceholder')}
      data-testid={testId}
    />
  );
}

/** A product's name over its SKU, for table cells. */
export function ProductCell({ name, sku, extra }: { name: string; sku: string; extra?: React.ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Text strong ellipsis style={{ display: 'block', maxWidth: 320 }}>
        {name}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {sku}
        {extra}
      </Typography.Text>
    </div>
  );
}
