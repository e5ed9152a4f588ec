/**
 * One return as its customer follows it: what happens next, the steps with dates,
 * where to send the parcel and who pays the postage, the slip (image and PDF), the
 * tracking number, the money, cancelling, and the rating once it is done.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../components/money.ts';
import { portalApi } from '../portal-api.ts';
import type { CustomerReturn } from '../portal-types.ts';
import { errorText, formatDate, isWeChat } from '../portal-util.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { CopyButton } from './copy-button.tsx';
import { ExchangeSummary } from './exchange-summary.tsx';
import { CheckIcon, DownloadIcon, PinIcon, StarIcon, TruckIcon } from './icons.tsx';
import { ProgressSteps } from './progress-steps.tsx';
import { RatingForm } from './rating-form.tsx';
import { RefundBreakdown } from './refund-breakdown.tsx';
import { ShipForm } from './ship-form.tsx';

export type ReturnDetailProps = {
  view: CustomerReturn;
  justFiled: boolean;
  /** Runs before any action (a link visitor gets a session first). */
  beforeAction: () => Promise<void>;
  onChanged: () => void;
};

function nextStepKey(view: CustomerReturn): string {
  switch (view.status) {
    case 'requested':
      return 'requested';
    case 'approved':
      return view.goodsComeBack ? 'approvedShip' : 'approvedRefund';
    case 'in_transit':
      return 'in_transit';
    case 'received':
      return 'received';
    case 'inspected':
      return view.resolution === 'exchange' ? 'inspectedExchange' : 'inspectedRefund';
    case 'resolved':
    case 'closed':
      return view.resolution === 'exchange' ? 'doneExchange' : view.resolution === 'store_credit' ? 'doneCredit' : 'doneRefund';
    case 'rejected':
      return 'rejected';
    case 'cancelled':
      return 'cancelled';
  }
}

export function ReturnDetail({ view, justFiled, beforeAction, onChanged }: ReturnDetailProps) {
  const { t, i18n } = useTranslation('portal');
  const en = i18n.language === 'en';
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [slipOpen, setSlipOpen] = useState(false);
  const cancel = useMutation({
    mutationFn: async () => {
      await beforeAction();
      return portalApi.cancel(view.id);
    },
    onSuccess: () => {
      setConfirmCancel(false);
      onChanged();
    },
  });
  const money = (amount: number) => formatMoney(amount, view.currency);
  const paid = view.refunds.filter((r) => r.status === 'paid');
  const wechat = isWeChat();
  const showAddress = view.returnAddress && ['requested', 'approved', 'in_transit'].includes(view.status);
  // Fetched early for the tracking form, and to name the carrier in English.
  const carriers = useQuery({
    queryKey: ['carriers'],
    queryFn: portalApi.carriers,
    staleTime: Number.POSITIVE_INFINITY,
    enabled: view.canShip || (en && view.shipment !== null),
  });
  const [slipLoaded, setSlipLoaded] = useState(false);
  const carrierName = (name: string) => (en ? (carriers.data?.find((c) => c.name === name)?.nameEn ?? name) : name);

  return (
    <>
      {justFiled && (
        <section className="pt-card pt-success" aria-labelledby="filed-title" role="status">
          <span className="pt-success-mark" aria-hidden="true">
            <CheckIcon size={28} strokeWidth={3} />
          </span>
          <h2 id="filed-title">{t('detail.filedTitle')}</h2>
          <p className="pt-success-number">
            {t('detail.returnNumber')} <span className="pt-mono">{view.number}</span>
          </p>
          <CopyButton text={view.number} label={t('detail.copyNumber')} />
          {view.autoApproved && <p className="pt-success-auto">{t('detail.autoApproved')}</p>}
        </section>
      )}

      <section className="pt-card pt-status-card" aria-labelledby="status-title">
        <h2 id="status-title" className="pt-status-title">
          {t(`status.${view.status}`)}
        </h2>
        <p className="pt-status-next">{t(`next.${nextStepKey(view)}`, { amount: money(view.refundedAmount), reason: view.rejectReason ?? '' })}</p>
        {!justFiled && view.autoApproved && view.status === 'approved' && <p className="pt-good pt-small">{t('detail.autoApprovedShort')}</p>}
        <ProgressSteps steps={view.steps} />
      </section>

      {view.canRate && (
        <section className="pt-card" aria-labelledby="rate-title">
          <h2 className="pt-card-title pt-center" id="rate-title">
            {t('rate.title')}
          </h2>
          <RatingForm returnId={view.id} beforeAction={beforeAction} onRated={onChanged} />
        </section>
      )}
      {view.feedback && (
        <section className="pt-card pt-center" aria-label={t('rate.thanks')}>
          <p className="pt-stars-static" role="img" aria-label={t('rate.stars', { count: view.feedback.rating })}>
            {[1, 2, 3, 4, 5].map((n) => (
              <StarIcon key={n} size={22} filled={n <= (view.feedback?.rating ?? 0)} />
            ))}
          </p>
          <p>{t('rate.thanks')}</p>
          {view.feedback.comment && <p className="pt-muted pt-small">“{view.feedback.comment}”</p>}
        </section>
      )}

      {showAddress && view.returnAddress && (
        <section className="pt-card" aria-labelledby="address-title">
          <h2 className="pt-card-title" id="address-title">
            <PinIcon size={18} /> {t('detail.addressTitle')}
          </h2>
          <p className="pt-address">
            <strong>
              {view.returnAddress.contactName} {view.returnAddress.contactPhone}
            </strong>
            <br />
            {view.returnAddress.address}
            <br />
            <span className="pt-muted">{view.returnAddress.name}</span>
          </p>
          <CopyButton
            text={`${view.returnAddress.contactName} ${view.returnAddress.contactPhone} ${view.returnAddress.address}`}
            label={t('detail.copyAddress')}
            className="pt-button pt-button-outline pt-button-small"
          />
          <p className={`pt-postage pt-postage-${view.shippingPaidBy}`}>
            {view.shippingPaidBy === 'shop' ? t('detail.postageShop') : view.shippingInsured ? t('detail.postageInsured') : t('detail.postageCustomer')}
          </p>
          <ul className="pt-instructions">
            <li>{t('detail.instruction1', { number: view.number })}</li>
            <li>{t('detail.instruction2')}</li>
          </ul>
        </section>
      )}

      {view.canShip && (
        <section className="pt-card" aria-labelledby="ship-title">
          <h2 className="pt-card-title" id="ship-title">
            <TruckIcon size={18} /> {t('ship.title')}
          </h2>
          <ShipForm returnId={view.id} beforeAction={beforeAction} onShipped={onChanged} />
        </section>
      )}
      {view.status === 'requested' && view.goodsComeBack && <p className="pt-note-card">{t('ship.afterReview')}</p>}

      {view.shipment && (
        <section className="pt-card pt-shipment" aria-labelledby="parcel-title">
          <h2 className="pt-card-title" id="parcel-title">
            <TruckIcon size={18} /> {t('detail.parcel')}
          </h2>
          <p>
            {carrierName(view.shipment.carrier)} <span className="pt-mono">{view.shipment.trackingNumber}</span>
          </p>
          <CopyButton text={view.shipment.trackingNumber} label={t('detail.copyTracking')} />
        </section>
      )}

      {view.slip && ['requested', 'approved', 'in_transit'].includes(view.status) && (
        <section className="pt-card" aria-labelledby="slip-title">
          <h2 className="pt-card-title" id="slip-title">
            {t('slip.title')}
          </h2>
          <p className="pt-small pt-muted">{wechat ? t('slip.hintWeChat') : t('slip.hint')}</p>
          <div className={`pt-slip${slipOpen ? ' pt-slip-open' : ''}`}>
            {!slipLoaded && (
              <span className="pt-slip-loading" aria-hidden="true">
                {t('slip.loading')}
              </span>
            )}
            <img src={view.slip.pngUrl} alt={t('slip.alt', { number: view.number })} width={750} onLoad={() => setSlipLoaded(true)} />
          </div>
          <button type="button" className="pt-linklike pt-center-block" onClick={() => setSlipOpen((o) => !o)} aria-expanded={slipOpen}>
            {slipOpen ? t('slip.collapse') : t('slip.expand')}
          </button>
          <div className="pt-row">
            <CopyButton text={view.number} label={t('detail.copyNumber')} className="pt-button pt-button-outline pt-button-small" />
            {!wechat && (
              <a className="pt-button pt-button-outline pt-button-small" href={view.slip.pdfUrl} download={`return-slip-${view.number}.pdf`}>
                <DownloadIcon size={16} /> {t('slip.pdf')}
              </a>
            )}
          </div>
        </section>
      )}

      <section className="pt-card" aria-labelledby="items-title">
        <h2 className="pt-card-title" id="items-title">
          {t('detail.items')}
        </h2>
        <ul className="pt-items">
          {view.lines.map((line) => (
            <li key={line.id}>
              <span className="pt-item-name">
                {line.name} <span className="pt-muted">×{line.quantity}</span>
              </span>
              <span className="pt-small pt-muted">
                {en ? line.reasonLabelEn : line.reasonLabel}
                {line.photoCount > 0 ? ` · ${t('detail.photos', { count: line.photoCount })}` : ''}
                {line.note ? ` · ${line.note}` : ''}
              </span>
            </li>
          ))}
        </ul>
        <dl className="pt-facts">
          <div>
            <dt>{t('detail.kind')}</dt>
            <dd>{t(`kind.${view.type === 'refund_only' ? 'refund_only' : view.resolution === 'exchange' ? 'exchange' : 'return_refund'}.title`)}</dd>
          </div>
          <div>
            <dt>{t('orders.orderNumber')}</dt>
            <dd className="pt-mono">{view.orderNumber}</dd>
          </div>
          <div>
            <dt>{t('detail.returnNumber')}</dt>
            <dd className="pt-mono">{view.number}</dd>
          </div>
          <div>
            <dt>{t('detail.filedAt')}</dt>
            <dd>{formatDate(view.createdAt, i18n.language, true)}</dd>
          </div>
          {view.resolution !== 'exchange' && (
            <div>
              <dt>{paid.length > 0 ? t('detail.refunded') : t('detail.estimate')}</dt>
              <dd className="pt-price">{money(paid.length > 0 ? view.refundedAmount : view.estimatedRefund)}</dd>
            </div>
          )}
          {paid.map((r) => (
            <div key={`${r.paidAt}-${r.amount}`}>
              <dt>{t(`refundMethod.${r.method}`)}</dt>
              <dd>
                {money(r.amount)} · {formatDate(r.paidAt, i18n.language, true)}
              </dd>
            </div>
          ))}
        </dl>
        {view.resolution === 'exchange' && (
          <ExchangeSummary returnId={view.id} currency={view.currency} settled={['resolved', 'closed', 'rejected', 'cancelled'].includes(view.status)} />
        )}
        <RefundBreakdown returnId={view.id} access={view.link.token || null} settled={['resolved', 'closed', 'rejected', 'cancelled'].includes(view.status)} />
      </section>

      <section className="pt-card pt-link-box" aria-labelledby="link-title">
        <h2 className="pt-card-title" id="link-title">
          {t('detail.linkTitle')}
        </h2>
        <p className="pt-small pt-muted">{t('detail.linkHint', { date: formatDate(view.link.expiresAt, i18n.language) })}</p>
        <CopyButton text={view.link.url} label={t('detail.copyLink')} className="pt-button pt-button-outline pt-button-small" />
      </section>

      {view.canCancel && (
        <div className="pt-center">
          <button type="button" className="pt-button pt-button-ghost" onClick={() => setConfirmCancel(true)}>
            {t('cancel.button')}
          </button>
        </div>
      )}
      {confirmCancel && (
        <ConfirmDialog
          title={t('cancel.title')}
          body={
            <>
              <p>{t('cancel.body')}</p>
              {cancel.error && <p className="pt-field-error">{errorText(t, cancel.error)}</p>}
            </>
          }
          confirm={t('cancel.confirm')}
          cancel={t('cancel.keep')}
          busy={cancel.isPending}
          onConfirm={() => cancel.mutate()}
          onCancel={() => setConfirmCancel(false)}
        />
      )}
    </>
  );
}
