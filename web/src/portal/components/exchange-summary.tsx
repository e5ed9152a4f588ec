/**
 * What an exchange sends back to the customer: the size or colour chosen, the price
 * difference (paid or refunded), and the parcel once it ships. Shown to the signed-in
 * customer (a progress-link visitor without a session sees the steps only).
 */
import type { ExchangeView } from '@server/modules/exchanges/exchanges.schema.ts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createApiClient } from '../../api/http.ts';
import { formatMoney } from '../../components/money.ts';
import { customerTokens } from '../portal-api.ts';

const api = createApiClient(customerTokens);

export function ExchangeSummary({ returnId, currency, settled }: { returnId: string; currency: string; settled: boolean }) {
  const { t } = useTranslation('portal');
  const signedIn = Boolean(customerTokens.get());
  const exchange = useQuery({
    queryKey: ['customer-return', returnId, 'exchange'],
    queryFn: () => api.get<ExchangeView>(`returns/${encodeURIComponent(returnId)}/exchange`),
    enabled: signedIn,
    refetchInterval: settled ? false : 15_000,
  });
  const x = exchange.data;
  if (!x || x.status === 'fallen_back') return null;
  const money = (fen: number) => formatMoney(fen, currency);
  return (
    <dl className="pt-facts" data-testid="portal-exchange">
      {x.lines.map((line) => (
        <div key={line.id}>
          <dt>{t('detail.replacement')}</dt>
          <dd>
            {line.name} <span className="pt-muted">×{line.quantity}</span>
          </dd>
        </div>
      ))}
      {x.difference !== 0 && (
        <div>
          <dt>{x.difference > 0 ? t('detail.differencePay') : t('detail.differenceRefund')}</dt>
          <dd className="pt-price">{money(Math.abs(x.difference))}</dd>
        </div>
      )}
      {x.trackingNumber && (
        <div>
          <dt>{t('detail.replacementShipped')}</dt>
          <dd className="pt-mono">
            {x.carrier} {x.trackingNumber}
          </dd>
        </div>
      )}
    </dl>
  );
}
