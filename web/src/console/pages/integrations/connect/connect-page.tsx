/** Connections to the shop's other systems: webhooks (admin) and API keys (admin), one tab each; the tab lives in the address. */
import { ApiOutlined, KeyOutlined } from '@ant-design/icons';
import { Flex, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { useSession } from '../../../session/session.tsx';
import { NoAccess } from '../no-access.tsx';
import { ApiKeysTab } from './api-keys-tab.tsx';
import { WebhooksTab } from './webhooks-tab.tsx';

export default function ConnectPage() {
  const { t } = useTranslation('integrations');
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tabs = [
    ...(can('webhooks:manage')
      ? [
          {
            key: 'webhooks',
            label: (
              <Flex gap={6} align="center">
                <ApiOutlined />
                {t('connect.tabs.webhooks')}
              </Flex>
            ),
            children: <WebhooksTab />,
          },
        ]
      : []),
    ...(can('users:manage')
      ? [
          {
            key: 'api-keys',
            label: (
              <Flex gap={6} align="center">
                <KeyOutlined />
                {t('connect.tabs.apiKeys')}
              </Flex>
            ),
            children: <ApiKeysTab />,
          },
        ]
      : []),
  ];
  if (tabs.length === 0) return <NoAccess />;
  const active = tabs.some((tab) => tab.key === params.get('tab')) ? (params.get('tab') as string) : (tabs[0]?.key ?? 'webhooks');
  return (
    <div data-testid="page-connect">
      <PageHeader title={t('connect.title')} subtitle={t('connect.subtitle')} />
      <Tabs activeKey={active} onChange={(key) => setParams({ tab: key })} items={tabs} destroyOnHidden />
    </div>
  );
}
