/** One order line on the application form: pick it, how many, why, photos and a note. */
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../components/money.ts';
import type { LineEligibility } from '../line-eligibility.ts';
import type { AfterSalesKind, ExchangeVariant, OrderLine, Reason } from '../portal-types.ts';
import { formatDate } from '../portal-util.ts';
import { pickReason } from '../reason-choice.ts';
import { BoxIcon, CheckIcon, InfoIcon } from './icons.tsx';
import { PhotoPicker, type PickedPhoto } from './photo-picker.tsx';
import { QuantityStepper } from './quantity-stepper.tsx';
import { VariantPicker } from './variant-picker.tsx';

/** reasonCode: the top-level reason; subCode: the sub-reason under it ('' when none); replacementSku: an exchange's pick ('' = the same item). */
export type LineChoice = {
  selected: boolean;
  quantity: number;
  reasonCode: string;
  subCode: string;
  note: string;
  photos: PickedPhoto[];
  replacementSku: string;
};
export type LineErrors = { reason?: string; subReason?: string; photos?: string; note?: string; policy?: string[] };

export type ApplyLineProps = {
  line: OrderLine;
  currency: string;
  kind: AfterSalesKind;
  eligibility: LineEligibility | undefined;
  choice: LineChoice;
  reasons: readonly Reason[];
  errors: LineErrors;
  maxPhotos: number;
  maxPhotoBytes: number;
  /** For an exchange: the sizes and colours of this item (none: exchanged for the same). */
  variants: readonly ExchangeVariant[];
  /** What the requested units cost the customer, for the exchange's price difference; null while unknown. */
  returnedValue: number | null;
  /** The shop insures return postage (运费险): the customer is paid back what they pay the courier. */
  insured: boolean;
  onChange: (update: (choice: LineChoice) => LineChoice) => void;
};

export function ApplyLine(props: ApplyLineProps) {
  const { line, currency, kind, eligibility, choice, reasons, errors, maxPhotos, maxPhotoBytes, variants, returnedValue, insured, onChange } = props;
  const { t, i18n } = useTranslation('portal');
  const en = i18n.language === 'en';
  const open = eligibility?.kind === 'open';
  const faultOnly = eligibility?.kind === 'open' && eligibility.faultOnly;
  const allowed = reasons.filter((r) => !faultOnly || r.shopFault);
  const picked = pickReason(reasons, choice.reasonCode, choice.subCode);
  const reason = picked.effective;
  const subReasons = (picked.reason?.children ?? []).filter((r) => !faultOnly || r.shopFault);
  const id = `line-${line.id}`;
  const selected = open && choice.selected;

  let blocked: string | null = null;
  if (eligibility?.kind === 'returned') {
    blocked = eligibility.returnNumbers.length > 0 ? t('apply.alreadyIn', { numbers: eligibility.returnNumbers.join('、') }) : t('apply.alreadyReturned');
  } else if (eligibility?.kind === 'blocked') {
    blocked = en ? eligibility.messageEn : eligibility.message;
  } else if (eligibility?.kind === 'expired') {
    blocked = t('apply.windowPassed', { date: formatDate(eligibility.deadline, i18n.language) });
  }

  return (
    <li className={`pt-card pt-line${selected ? ' pt-line-selected' : ''}${open ? '' : ' pt-line-blocked'}`} data-testid={`line-${line.sku}`}>
      <label className="pt-line-head" htmlFor={`${id}-pick`}>
        <input
          id={`${id}-pick`}
          type="checkbox"
          className="pt-visually-hidden"
          checked={selected}
          disabled={!open}
          onChange={(e) => onChange((c) => ({ ...c, selected: e.target.checked }))}
          aria-describedby={blocked ? `${id}-blocked` : undefined}
        />
        <span className="pt-check" aria-hidden="true">
          {selected && <CheckIcon size={16} />}
        </span>
        <span className="pt-thumb" aria-hidden="true">
          <BoxIcon size={20} />
        </span>
        <span className="pt-line-text">
          <span className="pt-line-name">{line.name}</span>
          <span className="pt-muted pt-small">
            {line.sku} · {t('apply.bought', { count: line.quantity })}
            {open && line.returnableQuantity < line.quantity ? ` · ${t('apply.returnable', { count: line.returnableQuantity })}` : ''}
          </span>
        </span>
        <span className="pt-line-price">{formatMoney(line.paidAmount, currency)}</span>
      </label>

      {blocked && (
        <p className="pt-line-note pt-line-note-blocked" id={`${id}-blocked`}>
          <InfoIcon size={16} />
          <span>{blocked}</span>
        </p>
      )}
      {eligibility?.kind === 'open' && eligibility.faultOnly && (
        <p className="pt-line-note pt-line-note-warn">
          <InfoIcon size={16} />
          <span>
            {eligibility.faultRefundDeadline
              ? t('apply.faultOnly', {
                  days: eligibility.noReasonDays,
                  date: formatDate(eligibility.noReasonDeadline, i18n.language),
                  refundDate: formatDate(eligibility.faultRefundDeadline, i18n.language),
                  exchangeDate: formatDate(eligibility.faultExchangeDeadline, i18n.language),
                })
              : t('apply.faultExchangeOnly', {
                  days: eligibility.noReasonDays,
                  date: formatDate(eligibility.noReasonDeadline, i18n.language),
                  exchangeDate: formatDate(eligibility.faultExchangeDeadline, i18n.language),
                })}
          </span>
        </p>
      )}

      {selected && (
        <div className="pt-line-body">
          {line.returnableQuantity > 1 && (
            <div className="pt-line-row">
              <span className="pt-field-label" id={`${id}-qty`}>
                {kind === 'refund_only' ? t('apply.quantityRefund') : t('apply.quantity')}
              </span>
              <QuantityStepper
                value={choice.quantity}
                min={1}
                max={line.returnableQuantity}
                label={t('apply.quantityOf', { name: line.name })}
                onChange={(quantity) => onChange((c) => ({ ...c, quantity }))}
              />
            </div>
          )}
          <div className="pt-field">
            <label htmlFor={`${id}-reason`} className="pt-field-label">
              {t('apply.reason')}
            </label>
            <select
              id={`${id}-reason`}
              value={choice.reasonCode}
              onChange={(e) => onChange((c) => ({ ...c, reasonCode: e.target.value, subCode: '' }))}
              aria-invalid={Boolean(errors.reason)}
              aria-describedby={`${id}-reason-hint`}
            >
              <option value="" disabled>
                {t('apply.reasonPlaceholder')}
              </option>
              {allowed.map((r) => (
                <option key={r.code} value={r.code}>
                  {en ? r.labelEn : r.label}
                </option>
              ))}
            </select>
            <p className={errors.reason ? 'pt-field-error' : 'pt-field-hint'} id={`${id}-reason-hint`}>
              {errors.reason ??
                (reason
                  ? [
                      kind === 'refund_only'
                        ? null
                        : reason.shopFault
                          ? t('apply.postageShop')
                          : insured
                            ? t('apply.postageInsured')
                            : t('apply.postageCustomer'),
                      reason.requiresPhoto ? t('apply.needsPhoto') : null,
                    ]
                      .filter(Boolean)
                      .join(' ')
                  : t('apply.reasonHint'))}
            </p>
          </div>
          {subReasons.length > 0 && (
            <div className="pt-field">
              <label htmlFor={`${id}-sub`} className="pt-field-label">
                {t('apply.subReason')}
              </label>
              <select
                id={`${id}-sub`}
                value={choice.subCode}
                onChange={(e) => onChange((c) => ({ ...c, subCode: e.target.value }))}
                aria-invalid={Boolean(errors.subReason)}
                aria-describedby={errors.subReason ? `${id}-sub-error` : undefined}
              >
                <option value="" disabled>
                  {t('apply.subReasonPlaceholder')}
                </option>
                {subReasons.map((r) => (
                  <option key={r.code} value={r.code}>
                    {en ? r.labelEn : r.label}
                  </option>
                ))}
              </select>
              {errors.subReason && (
                <p className="pt-field-error" id={`${id}-sub-error`}>
                  {errors.subReason}
                </p>
              )}
            </div>
          )}
          {kind === 'exchange' && variants.length > 1 && (
            <VariantPicker
              id={id}
              variants={variants}
              value={choice.replacementSku}
              quantity={choice.quantity}
              returnedValue={returnedValue}
              currency={currency}
              onChange={(replacementSku) => onChange((c) => ({ ...c, replacementSku }))}
            />
          )}
          <PhotoPicker
            photos={choice.photos}
            max={maxPhotos}
            maxBytes={maxPhotoBytes}
            required={reason?.requiresPhoto === true}
            invalid={Boolean(errors.photos)}
            describedBy={errors.photos ? `${id}-photos-error` : undefined}
            onChange={(update) => onChange((c) => ({ ...c, photos: update(c.photos) }))}
          />
          {errors.photos && (
            <p className="pt-field-error" id={`${id}-photos-error`}>
              {errors.photos}
            </p>
          )}
          <div className="pt-field">
            <label htmlFor={`${id}-note`} className="pt-field-label">
              {reason?.requiresNote ? t('apply.noteRequired') : t('apply.noteOptional')}
            </label>
            <textarea
              id={`${id}-note`}
              rows={2}
              maxLength={500}
              value={choice.note}
              placeholder={t('apply.notePlaceholder')}
              onChange={(e) => onChange((c) => ({ ...c, note: e.target.value }))}
              aria-invalid={Boolean(errors.note)}
              aria-describedby={errors.note ? `${id}-note-error` : undefined}
            />
            {errors.note && (
              <p className="pt-field-error" id={`${id}-note-error`}>
                {errors.note}
              </p>
            )}
          </div>
          {errors.policy && errors.policy.length > 0 && (
            <ul className="pt-alert pt-alert-error" role="alert">
              {errors.policy.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </li>
  );
}
