/** A signed-in customer's return (also where the form lands after submitting). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';
import { ReturnDetail } from '../components/return-detail.tsx';
import { ApiError, portalApi } from '../portal-api.ts';
import { errorText } from '../portal-util.ts';

const settled = new Set(['resolved', 'closed', 'rejected', 'cancelled']);

export default function ReturnPage() {
  const { returnId = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation('portal');
  const queryClient = useQueryClient();
  const view = useQuery({
    queryKey: ['customer-return', returnId],
    queryFn: () => portalApi.customerReturn(returnId),
    // Follow the return while it moves (the warehouse and finance act elsewhere).
    refetchInterval: (query) => (query.state.data && settled.has(query.state.data.status) ? false : 5000),
  });
  return (
    <div className="pt-page">
      <PageHeader title={t('detail.title')} back="/portal/orders" />
      <main className="pt-main">
        {view.isPending && <p className="pt-loading">{t('loading')}</p>}
        {view.error && (
          <div className="pt-alert pt-alert-error" role="alert">
            <p>{view.error instanceof ApiError && view.error.code === 'not_found' ? t('detail.missing') : errorText(t, view.error)}</p>
            <Link to="/portal/orders">{t('orders.title')}</Link>
          </div>
        )}
        {view.data && (
          <ReturnDetail
            view={view.data}
            justFiled={params.get('new') === '1'}
            beforeAction={async () => undefined}
            onChanged={() => {
              void queryClient.invalidateQueries({ queryKey: ['customer-return', returnId] });
              void queryClient.invalidateQueries({ queryKey: ['returns'] });
            }}
          />
        )}
      </main>
    </div>
  );
}
