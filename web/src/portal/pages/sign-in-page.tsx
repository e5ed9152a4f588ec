/** The portal's front door: find an order by its number and contact, or sign in with an SMS code. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ChevronIcon, ShieldIcon } from '../components/icons.tsx';
import { LanguageSwitch } from '../components/page-header.tsx';
import { ApiError, portalApi } from '../portal-api.ts';
import { errorText } from '../portal-util.ts';
import { useSession } from '../session.tsx';

type Tab = 'lookup' | 'sms';

export default function SignInPage() {
  const { t } = useTranslation('portal');
  const { customerId, signOut } = useSession();
  const [tab, setTab] = useState<Tab>('lookup');
  const options = useQuery({ queryKey: ['return-options'], queryFn: portalApi.returnOptions, staleTime: 60_000 });
  const smsOffered = options.data?.smsSignIn === true;
  const ids = { lookup: useId(), sms: useId() };

  useEffect(() => {
    document.title = `${t('signIn.title')} · ${t('brand')}`;
  }, [t]);

  return (
    <div className="pt-page pt-page-home">
      <header className="pt-hero">
        <div className="pt-hero-top">
          <span className="pt-brand">
            <span className="pt-brand-mark" aria-hidden="true">
              退
            </span>
            {t('brand')}
          </span>
          <LanguageSwitch />
        </div>
        <h1 className="pt-hero-title">{t('signIn.headline')}</h1>
        <p className="pt-hero-sub">{t('signIn.subline')}</p>
        <ol className="pt-hero-steps" aria-label={t('signIn.howItWorks')}>
          <li>
            <span className="pt-hero-step-n" aria-hidden="true">
              1
            </span>
            {t('signIn.step1')}
          </li>
          <li>
            <span className="pt-hero-step-n" aria-hidden="true">
              2
            </span>
            {t('signIn.step2')}
          </li>
          <li>
            <span className="pt-hero-step-n" aria-hidden="true">
              3
            </span>
            {t('signIn.step3')}
          </li>
        </ol>
      </header>

      <main className="pt-main pt-home-main">
        {customerId && (
          <div className="pt-card pt-signed-in">
            <p>{t('signIn.alreadySignedIn')}</p>
            <div className="pt-row">
              <Link className="pt-button pt-button-primary pt-button-small" to="/portal/orders">
                {t('signIn.myReturns')}
              </Link>
              <button type="button" className="pt-button pt-button-ghost pt-button-small" onClick={signOut}>
                {t('signIn.signOut')}
              </button>
            </div>
          </div>
        )}
        <section className="pt-card pt-signin-card">
          {smsOffered && (
            <div className="pt-tabs" role="tablist" aria-label={t('signIn.title')}>
              {(['lookup', 'sms'] as const).map((key) => (
                <button
                  key={key}
                  type="button"
                  role="tab"
                  id={`${ids[key]}-tab`}
                  aria-selected={tab === key}
                  aria-controls={`${ids[key]}-panel`}
                  tabIndex={tab === key ? 0 : -1}
                  className="pt-tab"
                  onClick={() => setTab(key)}
                  onKeyDown={(e) => {
                    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                      const next = key === 'lookup' ? 'sms' : 'lookup';
                      setTab(next);
                      document.getElementById(`${ids[next]}-tab`)?.focus();
                    }
                  }}
                >
                  {t(key === 'lookup' ? 'signIn.tabLookup' : 'signIn.tabSms')}
                </button>
              ))}
            </div>
          )}
          {/* One stable wrapper: the tabs appear once the options load, and the form typed into must not be remounted. */}
          <div id={`${ids[tab]}-panel`} {...(smsOffered ? { role: 'tabpanel', 'aria-labelledby': `${ids[tab]}-tab` } : {})}>
            {tab === 'lookup' || !smsOffered ? <LookupForm /> : <SmsForm />}
          </div>
          <p className="pt-privacy">
            <ShieldIcon size={14} />
            {t('signIn.privacy')}
          </p>
        </section>
        <Link to="/portal/policy" className="pt-card pt-link-card">
          <span>
            <strong>{t('policy.title')}</strong>
            <span className="pt-muted">{options.data ? t('policy.teaser', { days: options.data.returnWindowDays }) : t('policy.teaserLoading')}</span>
          </span>
          <ChevronIcon />
        </Link>
      </main>
    </div>
  );
}

function LookupForm() {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { signIn } = useSession();
  const [orderNumber, setOrderNumber] = useState('');
  const [contact, setContact] = useState('');
  const [touched, setTouched] = useState(false);
  const lookup = useMutation({
    mutationFn: () => portalApi.lookup(orderNumber.trim(), contact.trim()),
    onSuccess: (session) => {
      signIn(session);
      const next = params.get('next');
      navigate(next?.startsWith('/portal/') ? next : `/portal/orders/${session.order.id}/return`);
    },
  });
  const missing = { orderNumber: orderNumber.trim() === '', contact: contact.trim().length < 3 };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!missing.orderNumber && !missing.contact) lookup.mutate();
  };
  const failure = lookup.error
    ? lookup.error instanceof ApiError && lookup.error.code === 'not_found'
      ? t('signIn.notFound')
      : errorText(t, lookup.error)
    : null;
  return (
    <form className="pt-form" onSubmit={submit} noValidate>
      <div className="pt-field">
        <label htmlFor="lookup-order">{t('signIn.orderNumber')}</label>
        <input
          id="lookup-order"
          name="orderNumber"
          value={orderNumber}
          onChange={(e) => setOrderNumber(e.target.value)}
          placeholder={t('signIn.orderNumberPlaceholder')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={touched && missing.orderNumber}
          aria-describedby={touched && missing.orderNumber ? 'lookup-order-error' : undefined}
        />
        {touched && missing.orderNumber && (
          <p className="pt-field-error" id="lookup-order-error">
            {t('signIn.orderNumberMissing')}
          </p>
        )}
      </div>
      <div className="pt-field">
        <label htmlFor="lookup-contact">{t('signIn.contact')}</label>
        <input
          id="lookup-contact"
          name="contact"
          value={contact}
          onChange={(e) => setContact(e.target.value)}
          placeholder={t('signIn.contactPlaceholder')}
          autoComplete="tel"
          inputMode="email"
          spellCheck={false}
          aria-invalid={touched && missing.contact}
          aria-describedby={touched && missing.contact ? 'lookup-contact-error' : 'lookup-contact-hint'}
        />
        {touched && missing.contact ? (
          <p className="pt-field-error" id="lookup-contact-error">
            {t('signIn.contactMissing')}
          </p>
        ) : (
          <p className="pt-field-hint" id="lookup-contact-hint">
            {t('signIn.contactHint')}
          </p>
        )}
      </div>
      {failure && (
        <p className="pt-alert pt-alert-error" role="alert">
          {failure}
        </p>
      )}
      <button type="submit" className="pt-button pt-button-primary pt-button-block" disabled={lookup.isPending}>
        {lookup.isPending ? t('signIn.looking') : t('signIn.lookup')}
      </button>
    </form>
  );
}

function SmsForm() {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { signIn } = useSession();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  const [sentTo, setSentTo] = useState<string | null>(null);
  useEffect(() => {
    if (waitUntil <= Date.now()) return;
    const timer = window.setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= waitUntil) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [waitUntil]);
  const secondsLeft = Math.max(0, Math.ceil((waitUntil - now) / 1000));
  const phoneValid = /^1[3-9]\d{9}$/.test(phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, ''));

  const ask = useMutation({
    mutationFn: () => portalApi.askSmsCode(phone),
    onSuccess: (sent) => {
      setSentTo(phone);
      setWaitUntil(Date.now() + sent.resendAfterSeconds * 1000);
      setNow(Date.now());
      document.getElementById('sms-code')?.focus();
    },
    onError: (error) => {
      const retry = error instanceof ApiError ? (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds : undefined;
      if (retry && retry < 120) {
        setWaitUntil(Date.now() + retry * 1000);
        setNow(Date.now());
      }
    },
  });
  const verify = useMutation({
    mutationFn: () => portalApi.smsSignIn(phone, code.trim()),
    onSuccess: (session) => {
      signIn(session);
      const next = params.get('next');
      navigate(next?.startsWith('/portal/') ? next : '/portal/orders');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (phoneValid && /^\d{6}$/.test(code.trim())) verify.mutate();
  };
  const failure = verify.error
    ? verify.error instanceof ApiError && verify.error.code === 'unauthenticated'
      ? t('signIn.codeWrong')
      : errorText(t, verify.error)
    : ask.error
      ? errorText(t, ask.error)
      : null;
  return (
    <form className="pt-form" onSubmit={submit} noValidate>
      <div className="pt-field">
        <label htmlFor="sms-phone">{t('signIn.phone')}</label>
        <input
          id="sms-phone"
          type="tel"
          inputMode="numeric"
          autoComplete="tel-national"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          placeholder={t('signIn.phonePlaceholder')}
          maxLength={20}
        />
      </div>
      <div className="pt-field">
        <label htmlFor="sms-code">{t('signIn.code')}</label>
        <div className="pt-input-with-button">
          <input
            id="sms-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
            placeholder={t('signIn.codePlaceholder')}
            aria-describedby="sms-code-hint"
          />
          <button type="button" className="pt-button pt-button-outline" disabled={!phoneValid || secondsLeft > 0 || ask.isPending} onClick={() => ask.mutate()}>
            {secondsLeft > 0 ? t('signIn.resendIn', { seconds: secondsLeft }) : sentTo ? t('signIn.resend') : t('signIn.sendCode')}
          </button>
        </div>
        <p className="pt-field-hint" id="sms-code-hint" aria-live="polite">
          {sentTo ? t('signIn.codeSent', { phone: sentTo }) : t('signIn.smsHint')}
        </p>
      </div>
      {failure && (
        <p className="pt-alert pt-alert-error" role="alert">
          {failure}
        </p>
      )}
      <button type="submit" className="pt-button pt-button-primary pt-button-block" disabled={!phoneValid || code.trim().length !== 6 || verify.isPending}>
        {verify.isPending ? t('signIn.signingIn') : t('signIn.signIn')}
      </button>
    </form>
  );
}
