/**
 * For an exchange: which size or colour of the same item the customer wants instead, as a
 * row of chips (sizes out of stock are shown but cannot be picked), and the price
 * difference against what the returned units cost.
 */
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../components/money.ts';
import type { ExchangeVariant } from '../portal-types.ts';

export type VariantPickerProps = {
  id: string;
  variants: readonly ExchangeVariant[];
  /** The SKU picked ('' until the customer picks: the same item). */
  value: string;
  quantity: number;
  /** What the returned units cost the customer (from the refund estimate); null while it loads. */
  returnedValue: number | null;
  currency: string;
  onChange: (sku: string) => void;
};

export function VariantPicker({ id, variants, value, quantity, returnedValue, currency, onChange }: VariantPickerProps) {
  const { t } = useTranslation('portal');
  const current = variants.find((v) => v.current);
  const picked = variants.find((v) => v.sku === value) ?? current;
  const difference = picked && returnedValue !== null ? picked.price * quantity - returnedValue : null;
  return (
    <fieldset className="pt-field" aria-describedby={`${id}-variant-hint`}>
      <legend className="pt-field-label">{t('apply.variant')}</legend>
      <div className="pt-chips">
        {variants.map((v) => {
          const on = picked?.sku === v.sku;
          const label = v.variantLabel ?? v.name;
          return (
            <label
              key={v.sku}
              className={`pt-chip${on ? ' pt-chip-on' : ''}${v.inStock ? '' : ' pt-chip-off'}`}
              data-testid={`variant-${v.sku}`}
              title={v.name}
            >
              <input
                type="radio"
                name={`${id}-variant`}
                value={v.sku}
                checked={on}
                disabled={!v.inStock}
                onChange={() => onChange(v.sku)}
                className="pt-visually-hidden"
              />
              <span>{label}</span>
              {!v.inStock ? (
                <span className="pt-chip-note">{t('apply.variantOut')}</span>
              ) : v.current ? (
                <span className="pt-chip-note">{t('apply.variantCurrent')}</span>
              ) : null}
            </label>
          );
        })}
      </div>
      {picked && !picked.inStock && <p className="pt-field-error">{t('apply.variantPickedOut')}</p>}
      <p className="pt-field-hint" id={`${id}-variant-hint`} data-testid={`${id}-difference`}>
        {picked ? `${picked.name} · ${formatMoney(picked.price, currency)}` : null}
        {difference === null
          ? null
          : ` · ${
              difference > 0
                ? t('apply.differencePay', { amount: formatMoney(difference, currency) })
                : difference < 0
                  ? t('apply.differenceRefund', { amount: formatMoney(-difference, currency) })
                  : t('apply.differenceNone')
            }`}
      </p>
    </fieldset>
  );
}
