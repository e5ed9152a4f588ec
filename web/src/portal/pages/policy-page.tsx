/** The shop's return policy, generated from the same policy the system enforces. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.tsx';
import { portalApi } from '../portal-api.ts';
import { errorText } from '../portal-util.ts';

export default function PolicyPage() {
  const { t, i18n } = useTranslation('portal');
  const policy = useQuery({ queryKey: ['public-policy'], queryFn: portalApi.policy, staleTime: 60_000 });
  const options = useQuery({ queryKey: ['return-options'], queryFn: portalApi.returnOptions, staleTime: 60_000 });
  const text = policy.data ? (i18n.language === 'en' ? policy.data.en : policy.data['zh-CN']) : null;
  const en = i18n.language === 'en';
  return (
    <div className="pt-page">
      <PageHeader title={t('policy.title')} back />
      <main className="pt-main">
        {policy.isPending && <p className="pt-loading">{t('loading')}</p>}
        {policy.error && (
          <p className="pt-alert pt-alert-error" role="alert">
            {errorText(t, policy.error)}
          </p>
        )}
        {text && policy.data && (
          <>
            <section className="pt-card pt-policy-hero">
              <p className="pt-policy-badge">{text.summary}</p>
              <p className="pt-muted pt-small">{t('policy.sameRules', { version: policy.data.version })}</p>
            </section>
            <section className="pt-card" aria-labelledby="policy-rules">
              <h2 className="pt-card-title" id="policy-rules">
                {t('policy.rules')}
              </h2>
              <ol className="pt-policy-list">
                {text.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ol>
            </section>
            {options.data && (
              <section className="pt-card" aria-labelledby="policy-reasons">
                <h2 className="pt-card-title" id="policy-reasons">
                  {t('policy.reasons')}
                </h2>
                <ul className="pt-reason-list">
                  {options.data.reasons.map((r) => (
                    <li key={r.code}>
                      <strong>{en ? r.labelEn : r.label}</strong>
                      <span className="pt-small pt-muted">
                        {[
                          r.shopFault
                            ? t('policy.shopFault', { days: options.data.faultRefundDays })
                            : t('policy.noFault', { days: options.data.returnWindowDays }),
                          r.requiresPhoto ? t('policy.photo') : null,
                          r.requiresNote ? t('policy.note') : null,
                          r.children?.length
                            ? t('policy.subReasons', { list: r.children.map((c) => (en ? c.labelEn : c.label)).join(en ? ', ' : '、') })
                            : null,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {policy.data.nonReturnableCategories.length > 0 && (
              <section className="pt-card" aria-labelledby="policy-excluded">
                <h2 className="pt-card-title" id="policy-excluded">
                  {t('policy.excluded')}
                </h2>
                <p className="pt-tags">
                  {policy.data.nonReturnableCategories.map((c) => (
                    <span key={c} className="pt-tag">
                      {c}
                    </span>
                  ))}
                </p>
              </section>
            )}
          </>
        )}
      </main>
    </div>
  );
}
