/** Notices: the delivery log for service and managers; templates, channels and group robots for the admin. */
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { useSession } from '../../../session/session.tsx';
import { NoAccess } from '../no-access.tsx';
import { ChannelsTab } from './channels-tab.tsx';
import { DeliveryLogTab } from './delivery-log-tab.tsx';
import { RobotsTab } from './robots-tab.tsx';
import { TemplatesTab } from './templates-tab.tsx';

export default function NoticesPage() {
  const { t } = useTranslation('integrations');
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const manages = can('notifications:manage');
  const tabs = [
    ...(can('notifications:read') ? [{ key: 'log', label: t('notices.tabs.log'), children: <DeliveryLogTab /> }] : []),
    ...(manages
      ? [
          { key: 'templates', label: t('notices.tabs.templates'), children: <TemplatesTab /> },
          { key: 'channels', label: t('notices.tabs.channels'), children: <ChannelsTab /> },
          { key: 'robots', label: t('notices.tabs.robots'), children: <RobotsTab /> },
        ]
      : []),
  ];
  if (tabs.length === 0) return <NoAccess />;
  const active = tabs.some((tab) => tab.key === params.get('tab')) ? (params.get('tab') as string) : (tabs[0]?.key ?? 'log');
  return (
    <div data-testid="page-notices">
      <PageHeader title={t('notices.title')} subtitle={manages ? t('notices.subtitle') : t('notices.subtitleLog')} />
      <Tabs activeKey={active} onChange={(key) => setParams({ tab: key })} items={tabs} destroyOnHidden />
    </div>
  );
}
