/** A signed-in customer's orders and returns: start a return, or follow one. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney } from '../../components/money.ts';
import { BoxIcon, ChevronIcon } from '../components/icons.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { StatusChip } from '../components/status-chip.tsx';
import { portalApi } from '../portal-api.ts';
import { errorText, formatDate } from '../portal-util.ts';
import { useSession } from '../session.tsx';

export default function OrdersPage() {
  const { t, i18n } = useTranslation('portal');
  const { customerId, signOut } = useSession();
  const orders = useQuery({ queryKey: ['orders'], queryFn: portalApi.orders });
  const returns = useQuery({ queryKey: ['returns', customerId], queryFn: () => portalApi.returns(customerId ?? ''), enabled: Boolean(customerId) });

  return (
    <div className="pt-page">
      <PageHeader title={t('orders.title')} />
      <main className="pt-main">
        {(returns.data?.length ?? 0) > 0 && (
          <section aria-labelledby="returns-heading">
            <h2 className="pt-section-title" id="returns-heading">
              {t('orders.returns')}
            </h2>
            <ul className="pt-list">
              {returns.data?.map((ret) => (
                <li key={ret.id}>
                  <Link to={`/portal/returns/${ret.id}`} className="pt-card pt-return-row">
                    <span className="pt-return-row-main">
                      <span className="pt-return-row-top">
                        <span className="pt-mono">{ret.number}</span>
                        <StatusChip status={ret.status} />
                      </span>
                      <span className="pt-return-row-items">{ret.lines.map((l) => `${l.name} ×${l.quantity}`).join('，')}</span>
                      <span className="pt-muted pt-small">{t('orders.filedOn', { date: formatDate(ret.createdAt, i18n.language) })}</span>
                    </span>
                    <ChevronIcon className="pt-chevron" />
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}

        <section aria-labelledby="orders-heading">
          <h2 className="pt-section-title" id="orders-heading">
            {t('orders.orders')}
          </h2>
          {orders.isPending && <p className="pt-loading">{t('loading')}</p>}
          {orders.error && (
            <p className="pt-alert pt-alert-error" role="alert">
              {errorText(t, orders.error)}
            </p>
          )}
          {orders.data?.length === 0 && <p className="pt-empty">{t('orders.none')}</p>}
          <ul className="pt-list">
            {orders.data?.map((order) => {
              const returnable = order.lines.reduce((s, l) => s + l.returnableQuantity, 0);
              return (
                <li key={order.id} className="pt-card pt-order-card">
                  <div className="pt-order-head">
                    <span className="pt-muted pt-small">
                      {t('orders.orderNumber')} <span className="pt-mono">{order.number}</span>
                    </span>
                    <span className="pt-muted pt-small">{formatDate(order.placedAt, i18n.language)}</span>
                  </div>
                  <ul className="pt-order-lines">
                    {order.lines.map((line) => (
                      <li key={line.id}>
                        <span className="pt-thumb" aria-hidden="true">
                          <BoxIcon size={18} />
                        </span>
                        <span className="pt-order-line-name">{line.name}</span>
                        <span className="pt-muted">×{line.quantity}</span>
                      </li>
                    ))}
                  </ul>
                  <div className="pt-order-foot">
                    <span className="pt-small">
                      {t('orders.paid')} <strong>{formatMoney(order.totalAmount, order.currency)}</strong>
                    </span>
                    {returnable > 0 ? (
                      <Link className="pt-button pt-button-outline pt-button-small" to={`/portal/orders/${order.id}/return`}>
                        {t('orders.apply')}
                      </Link>
                    ) : (
                      <span className="pt-muted pt-small">{t('orders.nothingReturnable')}</span>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
        <div className="pt-footer-links">
          <Link to="/portal/policy">{t('policy.title')}</Link>
          <button type="button" className="pt-linklike" onClick={signOut}>
            {t('signIn.signOut')}
          </button>
        </div>
      </main>
    </div>
  );
}
