/** A number of units, with big − and + buttons for thumbs. */
import { useTranslation } from 'react-i18next';

export type QuantityStepperProps = { value: number; min: number; max: number; label: string; onChange: (value: number) => void };

export function QuantityStepper({ value, min, max, label, onChange }: QuantityStepperProps) {
  const { t } = useTranslation('portal');
  return (
    // biome-ignore lint/a11y/useSemanticElements: a spin control made of two buttons reads better than a bare number input on phones
    <div className="pt-stepper" role="group" aria-label={label}>
      <button type="button" aria-label={t('apply.less')} disabled={value <= min} onClick={() => onChange(Math.max(min, value - 1))}>
        −
      </button>
      <output aria-live="polite" aria-label={label}>
        {value}
      </output>
      <button type="button" aria-label={t('apply.more')} disabled={value >= max} onClick={() => onChange(Math.min(max, value + 1))}>
        +
      </button>
    </div>
  );
}
