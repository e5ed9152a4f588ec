/** Finance: the refund queue by legal deadline, reconciliation with the daily close, and refund notes. */
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { useSession } from '../../session/session.tsx';
import { ExportButton } from '../integrations/widgets/export-button.tsx';
import { useFinanceQueue } from './finance-api.ts';
import { ReconciliationTab } from './reconciliation-tab.tsx';
import { RefundNotesTab } from './refund-notes-tab.tsx';
import { RefundQueueTab } from './refund-queue-tab.tsx';

export default function FinancePage() {
  const { t } = useTranslation('finance');
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const pays = can('returns:refund');
  const tabs = [
    ...(pays ? [{ key: 'queue', label: t('tabs.queue'), children: <RefundQueueTab /> }] : []),
    ...(can('reports:read') ? [{ key: 'reconciliation', label: t('tabs.reconciliation'), children: <ReconciliationTab canClose={pays} /> }] : []),
    ...(pays ? [{ key: 'documents', label: t('tabs.documents'), children: <RefundNotesTab /> }] : []),
  ];
  const queue = useFinanceQueue(pays);
  const active = tabs.some((tab) => tab.key === params.get('tab')) ? (params.get('tab') as string) : (tabs[0]?.key ?? 'queue');
  return (
    <div data-testid="finance-page">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle', { days: queue.data?.deadlineDays ?? 7 })}
        // Every refund document (the queue lists returns still to refund, which are not refunds yet; reconciliation has its own export).
        extra={can('reports:read') ? <ExportButton list="refunds" filters={{}} /> : null}
      />
      <Tabs activeKey={active} onChange={(key) => setParams({ tab: key })} items={tabs} />
    </div>
  );
}
