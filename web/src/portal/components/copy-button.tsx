/** A button that copies a text and says so. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../portal-util.ts';
import { CheckIcon, CopyIcon } from './icons.tsx';

export type CopyButtonProps = { text: string; label: string; className?: string };

export function CopyButton({ text, label, className }: CopyButtonProps) {
  const { t } = useTranslation('portal');
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className={className ?? 'pt-button pt-button-ghost pt-button-small'}
      onClick={async () => {
        setState((await copyText(text)) ? 'copied' : 'failed');
        window.setTimeout(() => setState('idle'), 2000);
      }}
    >
      {state === 'copied' ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
      <span aria-live="polite">{state === 'copied' ? t('common:actions.copied') : state === 'failed' ? t('copyFailed') : label}</span>
    </button>
  );
}
