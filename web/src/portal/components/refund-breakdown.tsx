/**
 * What the customer's refund comes to, in plain lines: the price paid for the returned
 * items, fees (restocking, by condition), the return postage when it is the customer's,
 * the order's shipping fee when the whole order came back, and the total — or, before
 * the goods are checked, what it will come to.
 */
import type { RefundPreviewView } from '@server/modules/refunds/refunds.schema.ts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createApiClient } from '../../api/http.ts';
import { formatMoney } from '../../components/money.ts';
import { customerTokens } from '../portal-api.ts';

const api = createApiClient(customerTokens);

export function RefundBreakdown({ returnId, access, settled }: { returnId: string; access: string | null; settled: boolean }) {
  const { t } = useTranslation('finance');
  const preview = useQuery({
    queryKey: ['customer-return', returnId, 'refund-preview'],
    queryFn: () => api.get<RefundPreviewView>(`returns/${encodeURIComponent(returnId)}/refund-preview${access ? `?access=${encodeURIComponent(access)}` : ''}`),
    refetchInterval: settled ? false : 10_000,
  });
  const p = preview.data;
  if (!p || p.resolution === 'exchange') return null;
  const money = (fen: number) => formatMoney(fen, p.currency);
  const accepted = p.goods > 0;
  const fees = p.restockingFee + p.gradeFee;
  return (
    <dl className="pt-facts" data-testid="portal-refund-breakdown">
      {accepted ? (
        <>
          <div>
            <dt>{t('breakdown.paid')}</dt>
            <dd>{money(p.goods)}</dd>
          </div>
          {p.restockingFee > 0 && (
            <div>
              <dt>{t('breakdown.restockingFee')}</dt>
              <dd>−{money(p.restockingFee)}</dd>
            </div>
          )}
          {p.gradeFee > 0 && (
            <div>
              <dt>{t('breakdown.gradeFee')}</dt>
              <dd>−{money(p.gradeFee)}</dd>
            </div>
          )}
          {p.returnShipping > 0 && (
            <div>
              <dt>{t('breakdown.postage')}</dt>
              <dd>−{money(p.returnShipping)}</dd>
            </div>
          )}
          {p.shipping > 0 && (
            <div>
              <dt>{t('breakdown.shippingLine')}</dt>
              <dd>{money(p.shipping)}</dd>
            </div>
          )}
          {(fees > 0 || p.returnShipping > 0 || p.shipping > 0) && (
            <div>
              <dt>{t('breakdown.refund')}</dt>
              <dd className="pt-price">{money(p.refundable)}</dd>
            </div>
          )}
        </>
      ) : (
        p.projectedRefundable > 0 && (
          <div>
            <dt>{t('breakdown.refund')}</dt>
            <dd className="pt-price">{t('breakdown.projected', { amount: money(p.projectedRefundable) })}</dd>
          </div>
        )
      )}
      {p.returnShippingPayer !== 'none' && (
        <div>
          <dt>{t('breakdown.postagePayer')}</dt>
          <dd className="pt-small">
            {p.returnShippingPayer === 'shop'
              ? t('breakdown.postageShop')
              : t(p.returnShipping > 0 ? 'breakdown.postageCustomer' : 'breakdown.postageCustomerSelf')}
          </dd>
        </div>
      )}
    </dl>
  );
}
