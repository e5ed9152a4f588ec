/** A return's progress opened from the signed link in a notice: no sign-in; acting first turns the link into a short session. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';
import { ReturnDetail } from '../components/return-detail.tsx';
import { ApiError, portalApi } from '../portal-api.ts';
import { errorText } from '../portal-util.ts';
import { useSession } from '../session.tsx';

const settled = new Set(['resolved', 'closed', 'rejected', 'cancelled']);

export default function LinkPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation('portal');
  const { signIn } = useSession();
  const queryClient = useQueryClient();
  const view = useQuery({
    queryKey: ['progress', token],
    queryFn: () => portalApi.progress(token),
    refetchInterval: (query) => (query.state.data && settled.has(query.state.data.status) ? false : 5000),
    retry: (count, error) => !(error instanceof ApiError && error.status === 401) && count < 2,
  });
  const exchanged = useRef(false);
  const beforeAction = async () => {
    // The link itself only reads; to act, it is exchanged once for a short session of the return's customer.
    if (exchanged.current) return;
    const session = await portalApi.linkSession(token);
    signIn(session);
    exchanged.current = true;
  };
  return (
    <div className="pt-page">
      <PageHeader title={t('detail.title')} />
      <main className="pt-main">
        {view.isPending && <p className="pt-loading">{t('loading')}</p>}
        {view.error && (
          <div className="pt-card pt-center" role="alert">
            <p>{view.error instanceof ApiError && view.error.status === 401 ? t('detail.linkExpired') : errorText(t, view.error)}</p>
            <Link className="pt-button pt-button-primary" to="/portal">
              {t('detail.signInInstead')}
            </Link>
          </div>
        )}
        {view.data && (
          <ReturnDetail
            view={view.data}
            justFiled={false}
            beforeAction={beforeAction}
            onChanged={() => void queryClient.invalidateQueries({ queryKey: ['progress', token] })}
          />
        )}
      </main>
    </div>
  );
}
