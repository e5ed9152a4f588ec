/** The frame of every signed-in page: menu on the left, scan box, language and user on top. */
import {
  AccountBookOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  DownOutlined,
  FileSearchOutlined,
  InboxOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  NotificationOutlined,
  PhoneOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { App, Avatar, Badge, Button, Dropdown, Flex, Grid, Layout, Menu, Spin, Tag, Tooltip, Typography } from 'antd';
import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useQueues } from '../api/queries.ts';
import { importPermission } from '../pages/integrations/imports/import-permissions.ts';
import { NotificationBell } from '../pages/integrations/widgets/notification-bell.tsx';
import { primaryRole } from '../session/permissions.ts';
import { useSession, useUser } from '../session/session.tsx';
import { Brand } from './brand.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { ScanBox } from './scan-box.tsx';

const { Sider, Header, Content } = Layout;

function selectedKey(pathname: string): string {
  const path = pathname.replace(/^\/console/, '') || '/';
  if (path.startsWith('/returns/new')) return '/returns/new';
  for (const key of ['/returns', '/customers', '/stock', '/warehouse', '/process', '/policy', '/finance', '/analytics', '/notices', '/connect', '/imports'])
    if (path.startsWith(key)) return key;
  return '/';
}

export function ConsoleLayout() {
  const { t } = useTranslation('console');
  const user = useUser();
  const { logout, can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const phone = screens.sm === false;
  const [collapsed, setCollapsed] = useState<boolean | null>(null);
  const isCollapsed = collapsed ?? (screens.xl === undefined ? window.innerWidth < 1200 : !screens.xl);
  const queues = useQueues();
  const primary = queues.data?.queues.find((q) => q.code === queues.data?.primary);
  const waiting = primary?.count ?? 0;
  const { notification } = App.useApp();
  const seen = useRef<number | null>(null);

  // Live: tell the user when new returns land in their own queue (a sales rep when one of their customers files one).
  useEffect(() => {
    if (!primary) return;
    const before = seen.current;
    seen.current = primary.count;
    if (before === null || primary.count <= before || primary.code === 'all_open') return;
    notification.info({
      key: `queue-${primary.code}`,
      title: t('live.newInQueue', { count: primary.count - before, queue: t(`queue.${primary.code}.title`) }),
      description: t('live.openQueue'),
      placement: 'bottomRight',
      onClick: () => navigate(`/console?queue=${primary.code}`),
    });
  }, [primary, notification, navigate, t]);

  const items = [
    {
      key: '/',
      icon: <DashboardOutlined />,
      label: (
        <Flex justify="space-between" align="center">
          <span>{t('nav.home')}</span>
          {waiting > 0 && !isCollapsed ? <Badge count={waiting} overflowCount={99} size="small" /> : null}
        </Flex>
      ),
    },
    { key: '/returns', icon: <FileSearchOutlined />, label: t('nav.returns') },
    ...(can('returns:create') ? [{ key: '/returns/new', icon: <PhoneOutlined />, label: t('nav.createReturn') }] : []),
    { key: '/customers', icon: <TeamOutlined />, label: t('nav.customers') },
    ...(can('inventory:read') ? [{ key: '/stock', icon: <AppstoreOutlined />, label: t('nav.stock') }] : []),
    ...(can('inventory:read') || can('stocktaking:count') ? [{ key: '/warehouse', icon: <InboxOutlined />, label: t('warehouse:nav') }] : []),
    { key: '/process', icon: <ApartmentOutlined />, label: t('nav.process') },
    ...(can('policy:read') ? [{ key: '/policy', icon: <AuditOutlined />, label: t('nav.policy') }] : []),
    ...(can('returns:refund') || can('reports:read') ? [{ key: '/finance', icon: <AccountBookOutlined />, label: t('finance:nav') }] : []),
    ...(can('reports:read') ? [{ key: '/analytics', icon: <BarChartOutlined />, label: t('analytics:nav') }] : []),
    ...(can('notifications:read') ? [{ key: '/notices', icon: <NotificationOutlined />, label: t('integrations:nav.notices') }] : []),
    ...(Object.values(importPermission).some((p) => can(p)) ? [{ key: '/imports', icon: <CloudUploadOutlined />, label: t('integrations:nav.imports') }] : []),
    ...(can('webhooks:manage') || can('users:manage') ? [{ key: '/connect', icon: <ApiOutlined />, label: t('integrations:nav.connect') }] : []),
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        width={216}
        collapsedWidth={80}
        collapsed={isCollapsed}
        theme="dark"
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        data-testid="sider"
      >
        <Brand collapsed={isCollapsed} />
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selectedKey(location.pathname)]}
          items={items}
          onClick={({ key }) => navigate(key === '/' ? '/console' : `/console${key}`)}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            // Tighter on a phone, so the scan box, bell, language and user still fit its width.
            padding: phone ? '0 8px 0 4px' : '0 20px 0 8px',
            height: 64,
            display: 'flex',
            alignItems: 'center',
            gap: phone ? 4 : 12,
            borderBottom: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Button
            type="text"
            aria-label={t('nav.toggleMenu')}
            icon={isCollapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!isCollapsed)}
          />
          <ScanBox compact={!screens.xl} autoFocus={can('returns:receive') && !can('returns:review') && location.pathname === '/console'} />
          <div style={{ flex: 1 }} />
          <Tooltip title={t('live.tooltip')}>
            <Badge status="processing" text={screens.md ? <Typography.Text type="secondary">{t('live.label')}</Typography.Text> : null} />
          </Tooltip>
          <NotificationBell />
          <LanguageSwitch compact={phone} />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'email', label: user.email, disabled: true },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), danger: true },
              ],
              onClick: ({ key }) => {
                if (key === 'logout') void logout().then(() => navigate('/console/login'));
              },
            }}
          >
            <Button type="text" style={{ height: 48 }} data-testid="user-menu">
              <Flex align="center" gap={8}>
                <Avatar size="small" style={{ background: '#1677ff' }}>
                  {user.name.slice(0, 1)}
                </Avatar>
                {screens.md ? (
                  <>
                    <span style={{ maxWidth: 120, overflow: 'hidden', textOverflow: 'ellipsis' }}>{user.name}</span>
                    <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                      {t(`role.${primaryRole(user.roles)}`)}
                    </Tag>
                  </>
                ) : null}
                <DownOutlined style={{ fontSize: 10 }} />
              </Flex>
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: screens.md ? 24 : 12, minWidth: 0 }}>
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 80 }}>
                <Spin size="large" />
              </Flex>
            }
          >
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
