/**
 * The application form: the order is already filled in; the customer picks the
 * after-sales kind, the lines, reasons and photos, sees the estimated refund, submits.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatMoney } from '../../components/money.ts';
import { ApplyLine, type LineChoice, type LineErrors } from '../components/apply-line.tsx';
import { CheckIcon, SwapIcon, TruckIcon, WalletIcon } from '../components/icons.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { lineEligibility } from '../line-eligibility.ts';
import { ApiError, newRequestKey, portalApi } from '../portal-api.ts';
import type { AfterSalesKind, OrderView, ReturnOptions } from '../portal-types.ts';
import { errorText, formatDate } from '../portal-util.ts';
import { pickReason } from '../reason-choice.ts';
import { useSession } from '../session.tsx';

type RefundTo = 'refund' | 'store_credit';

const emptyChoice: LineChoice = { selected: false, quantity: 1, reasonCode: '', subCode: '', note: '', photos: [], replacementSku: '' };

function offeredKinds(options: ReturnOptions): AfterSalesKind[] {
  const money = options.offer.refund || options.offer.storeCredit;
  return [
    ...(money ? (['return_refund'] as const) : []),
    ...(options.offer.exchange ? (['exchange'] as const) : []),
    ...(money && options.offer.refundOnly ? (['refund_only'] as const) : []),
  ];
}

export default function ApplyPage() {
  const { orderId = '' } = useParams();
  const { t, i18n } = useTranslation('portal');
  const { customerId } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const order = useQuery({ queryKey: ['order', orderId], queryFn: () => portalApi.order(orderId) });
  const options = useQuery({ queryKey: ['return-options'], queryFn: portalApi.returnOptions, staleTime: 60_000 });
  const returns = useQuery({ queryKey: ['returns', customerId], queryFn: () => portalApi.returns(customerId ?? ''), enabled: Boolean(customerId) });

  const reasons = options.data?.reasons ?? [];
  const noReasonCode = reasons.find((r) => !r.shopFault)?.code ?? reasons[0]?.code ?? '';
  const faultCode = reasons.find((r) => r.shopFault)?.code;
  const probeLines = (code: string) =>
    (order.data?.lines ?? []).map((l) => ({ orderLineId: l.id, quantity: Math.max(1, l.returnableQuantity), reasonCode: code }));
  const noReason = useQuery({
    queryKey: ['eligibility', orderId, 'no_reason', order.data?.lines.map((l) => l.returnableQuantity).join()],
    queryFn: () => portalApi.evaluate({ orderId, type: 'return', resolution: 'refund', lines: probeLines(noReasonCode) }),
    enabled: Boolean(order.data && noReasonCode),
  });
  const fault = useQuery({
    queryKey: ['eligibility', orderId, 'fault', order.data?.lines.map((l) => l.returnableQuantity).join()],
    queryFn: () => portalApi.evaluate({ orderId, type: 'return', resolution: 'exchange', lines: probeLines(faultCode ?? '') }),
    enabled: Boolean(order.data && faultCode),
  });
  const windows = useMemo(
    () =>
      options.data
        ? {
            returnWindowDays: options.data.returnWindowDays,
            faultRefundDays: options.data.faultRefundDays,
            today: new Intl.DateTimeFormat('en-CA', { timeZone: options.data.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()),
          }
        : undefined,
    [options.data],
  );
  const eligibility = useMemo(
    () => lineEligibility({ lines: order.data?.lines ?? [], noReason: noReason.data, fault: fault.data, returns: returns.data ?? [], windows }),
    [order.data, noReason.data, fault.data, returns.data, windows],
  );

  const kinds = options.data ? offeredKinds(options.data) : [];
  const [chosenKind, setKind] = useState<AfterSalesKind | null>(null);
  const kind = chosenKind && kinds.includes(chosenKind) ? chosenKind : (kinds[0] ?? 'return_refund');
  const refundChoices: RefundTo[] = options.data
    ? [...(options.data.offer.refund ? (['refund'] as const) : []), ...(options.data.offer.storeCredit ? (['store_credit'] as const) : [])]
    : [];
  const [chosenRefundTo, setRefundTo] = useState<RefundTo>('refund');
  const refundTo: RefundTo = refundChoices.includes(chosenRefundTo) ? chosenRefundTo : (refundChoices[0] ?? 'refund');
  const type = kind === 'refund_only' ? 'refund_only' : 'return';
  const resolution = kind === 'exchange' ? 'exchange' : refundTo;

  const [choices, setChoices] = useState<Record<string, LineChoice>>({});
  const openLines = (order.data?.lines ?? []).filter((l) => eligibility.get(l.id)?.kind === 'open');
  const choiceOf = (lineId: string): LineChoice => {
    const choice = choices[lineId];
    if (choice) return choice;
    // A single returnable line is picked for the customer.
    return { ...emptyChoice, selected: openLines.length === 1 && openLines[0]?.id === lineId };
  };
  const selected = openLines.filter((l) => choiceOf(l.id).selected);
  const pickedOf = (lineId: string) => {
    const choice = choiceOf(lineId);
    return pickReason(reasons, choice.reasonCode, choice.subCode);
  };
  const effectiveReason = (lineId: string) => {
    const picked = pickedOf(lineId).code;
    if (picked) return picked;
    const e = eligibility.get(lineId);
    return e?.kind === 'open' && e.faultOnly ? (faultCode ?? noReasonCode) : noReasonCode;
  };
  const previewLines = selected.map((l) => ({ orderLineId: l.id, quantity: choiceOf(l.id).quantity, reasonCode: effectiveReason(l.id) }));
  const preview = useQuery({
    queryKey: ['preview', orderId, type, resolution, JSON.stringify(previewLines)],
    queryFn: () => portalApi.evaluate({ orderId, type, resolution, lines: previewLines }),
    enabled: previewLines.length > 0,
    placeholderData: keepPreviousData,
  });
  const exchangeOptions = useQuery({
    queryKey: ['exchange-options', orderId],
    queryFn: () => portalApi.exchangeOptions(orderId),
    enabled: kind === 'exchange' && Boolean(order.data),
    staleTime: 30_000,
  });
  const variantsOf = (lineId: string) => exchangeOptions.data?.lines.find((l) => l.orderLineId === lineId)?.variants ?? [];
  const returnedValueOf = (lineId: string) => preview.data?.lines.find((l) => l.orderLineId === lineId)?.estimatedValue ?? null;
  /** The replacement picked for a line, when it is not the line's own item. */
  const replacementOf = (lineId: string, sku: string) => {
    const wanted = choiceOf(lineId).replacementSku;
    return kind === 'exchange' && wanted && wanted !== sku && variantsOf(lineId).some((v) => v.sku === wanted && v.inStock) ? wanted : null;
  };
  /** The price difference of the exchange over the lines whose sizes are known: above 0 the customer pays it. */
  const exchangeDifference = selected.reduce((sum, l) => {
    const variants = variantsOf(l.id);
    const picked = variants.find((v) => v.sku === (replacementOf(l.id, l.sku) ?? l.sku));
    const value = returnedValueOf(l.id);
    return picked && value !== null ? sum + picked.price * choiceOf(l.id).quantity - value : sum;
  }, 0);

  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, LineErrors>>({});
  const [requestKey, setRequestKey] = useState(newRequestKey);
  const errorsOf = (lineId: string): LineErrors => {
    const choice = choiceOf(lineId);
    const picked = pickedOf(lineId);
    const reason = picked.effective;
    const own: LineErrors = {};
    if (showErrors) {
      if (!reason) own.reason = t('apply.reasonMissing');
      if (picked.needsSub) own.subReason = t('apply.subReasonMissing');
      if (reason?.requiresPhoto && !choice.photos.some((p) => p.status === 'done')) own.photos = t('apply.photoMissing');
      if (choice.photos.some((p) => p.status === 'uploading')) own.photos = t('apply.photoWaiting');
      if (reason?.requiresNote && choice.note.trim() === '') own.note = t('apply.noteMissing');
    }
    const fromPreview = choice.reasonCode
      ? (preview.data?.lines.find((l) => l.orderLineId === lineId)?.violations ?? []).map((v) => (i18n.language === 'en' ? v.messageEn : v.message))
      : [];
    const fromServer = serverErrors[lineId] ?? {};
    const policy = [...new Set([...fromPreview, ...(fromServer.policy ?? [])])];
    return { ...fromServer, ...own, policy };
  };
  const hasErrors = (lineId: string) => {
    const e = errorsOf(lineId);
    return Boolean(e.reason || e.subReason || e.photos || e.note || (e.policy && e.policy.length > 0));
  };

  const submit = useMutation({
    mutationFn: () =>
      portalApi.submit(
        {
          orderId,
          type,
          resolution,
          lines: selected.map((l) => {
            const choice = choiceOf(l.id);
            const replacement = replacementOf(l.id, l.sku);
            return {
              orderLineId: l.id,
              quantity: choice.quantity,
              reasonCode: pickedOf(l.id).code,
              ...(replacement ? { replacement: { sku: replacement } } : {}),
              ...(choice.note.trim() ? { note: choice.note.trim() } : {}),
              photoIds: choice.photos.flatMap((p) => (p.status === 'done' && p.id ? [p.id] : [])),
            };
          }),
        },
        requestKey,
      ),
    onSuccess: (created) => {
      queryClient.setQueryData(['customer-return', created.return.id], created.progress);
      void queryClient.invalidateQueries({ queryKey: ['returns'] });
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      void queryClient.invalidateQueries({ queryKey: ['order', orderId] });
      navigate(`/portal/returns/${created.return.id}?new=1`, { replace: true });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      setRequestKey(newRequestKey());
      const byLine: Record<string, LineErrors> = {};
      if (error.code === 'not_eligible' && Array.isArray(error.details)) {
        for (const d of error.details as { orderLineId: string | null; message: string; messageEn: string }[]) {
          if (!d.orderLineId) continue;
          const entry = byLine[d.orderLineId] ?? {};
          entry.policy = [...(entry.policy ?? []), i18n.language === 'en' ? d.messageEn : d.message];
          byLine[d.orderLineId] = entry;
        }
      }
      if (error.code === 'validation_failed' && Array.isArray(error.details)) {
        for (const d of error.details as { path: string }[]) {
          const match = /^lines\.(\d+)\.(photoIds|note|replacement)/.exec(d.path);
          const line = match ? selected[Number(match[1])] : undefined;
          if (!line || !match) continue;
          const field =
            match[2] === 'note'
              ? { note: t('apply.noteMissing') }
              : match[2] === 'replacement'
                ? { policy: [...(byLine[line.id]?.policy ?? []), t('apply.variantInvalid')] }
                : { photos: t('apply.photoMissing') };
          byLine[line.id] = { ...byLine[line.id], ...field };
        }
      }
      setServerErrors(byLine);
    },
  });

  const onSubmit = () => {
    setShowErrors(true);
    setServerErrors({});
    const invalid = selected.find((l) => {
      const choice = choiceOf(l.id);
      const picked = pickedOf(l.id);
      const reason = picked.effective;
      return (
        !reason ||
        picked.needsSub ||
        (reason.requiresPhoto && !choice.photos.some((p) => p.status === 'done')) ||
        choice.photos.some((p) => p.status === 'uploading') ||
        (reason.requiresNote && choice.note.trim() === '') ||
        (preview.data?.lines.find((x) => x.orderLineId === l.id)?.violations.length ?? 0) > 0
      );
    });
    if (invalid) {
      document.querySelector(`[data-testid="line-${invalid.sku}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    if (selected.length > 0) submit.mutate();
  };

  const update = (lineId: string, change: (c: LineChoice) => LineChoice) => {
    setChoices((current) => ({ ...current, [lineId]: change(current[lineId] ?? choiceOf(lineId)) }));
    setServerErrors((current) => {
      const { [lineId]: _dropped, ...rest } = current;
      return rest;
    });
  };

  const loading = order.isPending || options.isPending;
  const failure = order.error ?? options.error;
  const estimate = preview.data?.estimatedRefund ?? 0;
  const bonus = resolution === 'store_credit' && options.data ? Math.floor((estimate * options.data.storeCreditBonusPercent) / 100) : 0;
  const kindIcons = { return_refund: TruckIcon, exchange: SwapIcon, refund_only: WalletIcon } as const;

  return (
    <div className="pt-page pt-page-with-bar">
      <PageHeader title={t('apply.title')} back="/portal/orders" />
      <main className="pt-main">
        {loading && <p className="pt-loading">{t('loading')}</p>}
        {failure && (
          <p className="pt-alert pt-alert-error" role="alert">
            {failure instanceof ApiError && failure.code === 'not_found' ? t('apply.orderMissing') : errorText(t, failure)}
          </p>
        )}
        {order.data && options.data && (
          <>
            <OrderSummary order={order.data} language={i18n.language} />

            <fieldset className="pt-section">
              <legend className="pt-section-title">{t('apply.kindTitle')}</legend>
              <div className="pt-choice-list">
                {kinds.map((k) => {
                  const Icon = kindIcons[k];
                  return (
                    <label key={k} className={`pt-choice${kind === k ? ' pt-choice-on' : ''}`}>
                      <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="pt-visually-hidden" />
                      <span className="pt-choice-icon" aria-hidden="true">
                        <Icon size={22} />
                      </span>
                      <span className="pt-choice-text">
                        <strong>{t(`kind.${k}.title`)}</strong>
                        <span className="pt-muted pt-small">{t(`kind.${k}.hint`)}</span>
                      </span>
                      <span className="pt-radio" aria-hidden="true">
                        {kind === k && <CheckIcon size={14} />}
                      </span>
                    </label>
                  );
                })}
              </div>
            </fieldset>

            <section className="pt-section" aria-labelledby="lines-heading">
              <h2 className="pt-section-title" id="lines-heading">
                {t('apply.linesTitle')}
              </h2>
              <ul className="pt-list">
                {order.data.lines.map((line) => (
                  <ApplyLine
                    key={line.id}
                    line={line}
                    currency={order.data.currency}
                    kind={kind}
                    eligibility={eligibility.get(line.id)}
                    choice={choiceOf(line.id)}
                    reasons={reasons}
                    errors={errorsOf(line.id)}
                    maxPhotos={options.data.maxPhotosPerLine}
                    maxPhotoBytes={options.data.maxPhotoBytes}
                    variants={variantsOf(line.id)}
                    returnedValue={returnedValueOf(line.id)}
                    insured={options.data.shopShippingInsurance}
                    onChange={(change) => update(line.id, change)}
                  />
                ))}
              </ul>
              {showErrors && selected.length === 0 && (
                <p className="pt-alert pt-alert-error" role="alert">
                  {t('apply.pickOne')}
                </p>
              )}
            </section>

            {kind !== 'exchange' && refundChoices.length > 0 && (
              <fieldset className="pt-section">
                <legend className="pt-section-title">{t('apply.refundToTitle')}</legend>
                <div className="pt-segmented">
                  {refundChoices.map((r) => (
                    <label key={r} className={`pt-segment${refundTo === r ? ' pt-segment-on' : ''}`}>
                      <input type="radio" name="refundTo" value={r} checked={refundTo === r} onChange={() => setRefundTo(r)} className="pt-visually-hidden" />
                      <strong>{t(`refundTo.${r}.title`)}</strong>
                      <span className="pt-small pt-muted">
                        {r === 'store_credit' && options.data.storeCreditBonusPercent > 0
                          ? t('refundTo.store_credit.bonus', { percent: options.data.storeCreditBonusPercent })
                          : t(`refundTo.${r}.hint`)}
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
            {kind === 'exchange' && (
              <p className="pt-note-card">{t(selected.some((l) => variantsOf(l.id).length > 1) ? 'apply.exchangeNote' : 'apply.exchangeNoteSame')}</p>
            )}

            {preview.data && selected.length > 0 && preview.data.eligible && preview.data.outcome === 'approved' && (
              <p className="pt-note-card pt-note-good">
                <CheckIcon size={16} /> {t('apply.willAutoApprove')}
              </p>
            )}
            <p className="pt-small pt-muted pt-center">
              {t('apply.agree')} <Link to="/portal/policy">{t('policy.title')}</Link>
            </p>
            {submit.error && !(submit.error instanceof ApiError && ['not_eligible', 'validation_failed'].includes(submit.error.code)) && (
              <p className="pt-alert pt-alert-error" role="alert">
                {errorText(t, submit.error)}
              </p>
            )}
          </>
        )}
      </main>
      {order.data && options.data && (
        <footer className="pt-bar">
          <div className="pt-bar-estimate" aria-live="polite">
            {selected.length === 0 ? (
              <span className="pt-muted pt-small">{noReason.data && openLines.length === 0 ? t('apply.nothingOpen') : t('apply.pickOneShort')}</span>
            ) : kind === 'exchange' ? (
              <>
                <span className="pt-small pt-muted">{t('apply.exchangeShort')}</span>
                <strong className="pt-bar-amount">{t('apply.exchangeCount', { count: selected.reduce((s, l) => s + choiceOf(l.id).quantity, 0) })}</strong>
                {exchangeDifference !== 0 && (
                  <span className="pt-small pt-muted" data-testid="exchange-difference">
                    {exchangeDifference > 0
                      ? t('apply.differencePay', { amount: formatMoney(exchangeDifference, order.data.currency) })
                      : t('apply.differenceRefund', { amount: formatMoney(-exchangeDifference, order.data.currency) })}
                  </span>
                )}
              </>
            ) : (
              <>
                <span className="pt-small pt-muted">{resolution === 'store_credit' ? t('apply.estimateCredit') : t('apply.estimate')}</span>
                <strong className="pt-bar-amount" data-testid="estimate">
                  {formatMoney(estimate + bonus, order.data.currency)}
                </strong>
              </>
            )}
          </div>
          <button type="button" className="pt-button pt-button-primary" disabled={submit.isPending || selected.length === 0} onClick={onSubmit}>
            {submit.isPending ? t('apply.submitting') : t('apply.submit')}
          </button>
        </footer>
      )}
      {selected.some((l) => hasErrors(l.id)) && showErrors && (
        <span className="pt-visually-hidden" role="status">
          {t('apply.fixErrors')}
        </span>
      )}
    </div>
  );
}

function OrderSummary({ order, language }: { order: OrderView; language: string }) {
  const { t } = useTranslation('portal');
  return (
    <section className="pt-card pt-order-summary" aria-label={t('apply.orderTitle')}>
      <div>
        <span className="pt-muted pt-small">{t('orders.orderNumber')}</span>
        <span className="pt-mono">{order.number}</span>
      </div>
      <div>
        <span className="pt-muted pt-small">{order.deliveredAt ? t('apply.delivered') : t('apply.placed')}</span>
        <span>{formatDate(order.deliveredAt ?? order.placedAt, language)}</span>
      </div>
    </section>
  );
}
