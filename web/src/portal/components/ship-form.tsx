/** The parcel: carrier picked from the list, tracking number checked against the carrier's format as it is typed. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, newRequestKey, portalApi } from '../portal-api.ts';
import { errorText } from '../portal-util.ts';

export type ShipFormProps = { returnId: string; beforeAction: () => Promise<void>; onShipped: () => void };

const normalize = (value: string) => value.replace(/[\s-]/g, '').toUpperCase();

export function ShipForm({ returnId, beforeAction, onShipped }: ShipFormProps) {
  const { t, i18n } = useTranslation('portal');
  const en = i18n.language === 'en';
  const carriers = useQuery({ queryKey: ['carriers'], queryFn: portalApi.carriers, staleTime: Number.POSITIVE_INFINITY });
  const [code, setCode] = useState('');
  const [otherName, setOtherName] = useState('');
  const [number, setNumber] = useState('');
  const [touched, setTouched] = useState(false);
  const [key] = useState(newRequestKey);
  const carrier = carriers.data?.find((c) => c.code === code);
  const fits = carrier ? new RegExp(carrier.pattern).test(normalize(number)) : false;
  const ship = useMutation({
    mutationFn: async () => {
      await beforeAction();
      return portalApi.ship(
        returnId,
        { carrier: code, trackingNumber: number, ...(code === 'other' ? { carrierName: otherName.trim() } : {}) },
        `${key}-${code}-${normalize(number)}`,
      );
    },
    onSuccess: onShipped,
  });
  const numberError =
    touched && carrier && number.trim() !== '' && !fits
      ? t('ship.numberWrong', { carrier: en ? carrier.nameEn : carrier.name, hint: en ? carrier.hintEn : carrier.hint })
      : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (carrier && fits && (code !== 'other' || otherName.trim() !== '')) ship.mutate();
  };
  return (
    <form className="pt-form" onSubmit={submit} noValidate>
      <fieldset className="pt-field">
        <legend className="pt-field-label">{t('ship.carrier')}</legend>
        <div className="pt-carriers">
          {carriers.data?.map((c) => (
            <label key={c.code} className={`pt-carrier${code === c.code ? ' pt-carrier-on' : ''}`}>
              <input type="radio" name="carrier" value={c.code} checked={code === c.code} onChange={() => setCode(c.code)} className="pt-visually-hidden" />
              {en ? c.nameEn : c.name}
            </label>
          ))}
        </div>
        {touched && !carrier && <p className="pt-field-error">{t('ship.carrierMissing')}</p>}
      </fieldset>
      {code === 'other' && (
        <div className="pt-field">
          <label htmlFor="ship-other">{t('ship.otherName')}</label>
          <input id="ship-other" value={otherName} onChange={(e) => setOtherName(e.target.value)} placeholder={t('ship.otherPlaceholder')} maxLength={40} />
        </div>
      )}
      <div className="pt-field">
        <label htmlFor="ship-number">{t('ship.number')}</label>
        <input
          id="ship-number"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          onBlur={() => setTouched(true)}
          placeholder={carrier?.example ? t('ship.numberExample', { example: carrier.example }) : t('ship.numberPlaceholder')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          aria-invalid={Boolean(numberError)}
          aria-describedby="ship-number-hint"
        />
        <p id="ship-number-hint" className={numberError ? 'pt-field-error' : 'pt-field-hint'}>
          {numberError ?? (carrier ? (en ? carrier.hintEn : carrier.hint) : t('ship.numberHint'))}
          {!numberError && carrier && fits && <span className="pt-good"> · {t('ship.numberOk')}</span>}
        </p>
      </div>
      {ship.error && (
        <p className="pt-alert pt-alert-error" role="alert">
          {ship.error instanceof ApiError && ship.error.code === 'validation_failed' ? t('ship.numberRejected') : errorText(t, ship.error)}
        </p>
      )}
      <button type="submit" className="pt-button pt-button-primary pt-button-block" disabled={ship.isPending}>
        {ship.isPending ? t('ship.sending') : t('ship.submit')}
      </button>
    </form>
  );
}
