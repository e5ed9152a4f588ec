/** The return's steps in customer words, each with its date: 已提交 → 已审核 → 运输中 → 已收货 → 已检验 → 已退款. */
import { useTranslation } from 'react-i18next';
import type { ProgressStep } from '../portal-types.ts';
import { formatDate } from '../portal-util.ts';
import { CheckIcon, CloseIcon } from './icons.tsx';

export function ProgressSteps({ steps }: { steps: ProgressStep[] }) {
  const { t, i18n } = useTranslation('portal');
  return (
    <ol className="pt-steps" aria-label={t('detail.stepsTitle')}>
      {steps.map((step) => (
        <li key={step.key} className={`pt-step pt-step-${step.state}`} aria-current={step.state === 'current' ? 'step' : undefined}>
          <span className="pt-step-dot" aria-hidden="true">
            {step.state === 'done' && <CheckIcon size={12} strokeWidth={3} />}
            {step.state === 'stopped' && <CloseIcon size={12} strokeWidth={3} />}
          </span>
          <span className="pt-step-text">
            <span className="pt-step-name">{t(`step.${step.key}`)}</span>
            <span className="pt-step-date">{step.at ? formatDate(step.at, i18n.language, true) : step.state === 'current' ? t('detail.inProgress') : ''}</span>
          </span>
          <span className="pt-visually-hidden">{t(`stepState.${step.state}`)}</span>
        </li>
      ))}
    </ol>
  );
}
