/**
 * The warehouse (仓库作业): the returns zone, parcels at the dock, transfers and
 * adjustments, stocktaking, returns to vendor and the warehouses' settings, one tab each;
 * stock levels and the ledger export to Excel from the header.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Grid, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { errorText } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSession } from '../../session/session.tsx';
import { CountDetail } from './count-detail.tsx';
import { CountsTab } from './counts-tab.tsx';
import { DockTab } from './dock-tab.tsx';
import { MovesTab } from './moves-tab.tsx';
import { ReturnsZoneTab } from './returns-zone-tab.tsx';
import { SettingsTab } from './settings-tab.tsx';
import { VendorsTab } from './vendors-tab.tsx';
import { downloadXlsx } from './xlsx.ts';

const base = '/console/warehouse';

export default function WarehousePage() {
  const { t } = useTranslation('warehouse');
  const { can } = useSession();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const reads = can('inventory:read');
  const tabs = [...(reads ? ['zone', 'dock', 'moves'] : []), ...(can('stocktaking:count') ? ['counts'] : []), ...(reads ? ['vendors', 'settings'] : [])];
  const active = location.pathname.slice(base.length + 1).split('/')[0] || tabs[0] || 'zone';
  const today = new Date().toISOString().slice(0, 10);
  // On a tablet the tabs need the room: the export shrinks to its icon.
  const wide = Grid.useBreakpoint().xl ?? true;

  const download = (path: string, name: string) => downloadXlsx(path, name).catch((e: unknown) => message.error(errorText(t, e)));

  return (
    <div data-testid="warehouse-page">
      <PageHeader title={t('title')} subtitle={t(`subtitle.${active}`, { defaultValue: t('subtitle.zone') })} />
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(`${base}/${key}`)}
        items={tabs.map((key) => ({ key, label: <span data-testid={`tab-${key}`}>{t(`tabs.${key}`)}</span> }))}
        style={{ marginBottom: 4 }}
        // Beside the tabs rather than in the header: a long subtitle would push it onto a line of its own.
        tabBarExtraContent={
          reads ? (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'levels', label: t('export.levels') },
                  { key: 'ledger', label: t('export.ledger') },
                ],
                onClick: ({ key }) =>
                  key === 'levels'
                    ? download('inventory/levels.xlsx', `${t('export.levelsFile')}-${today}.xlsx`)
                    : download('inventory/movements.xlsx', `${t('export.ledgerFile')}-${today}.xlsx`),
              }}
            >
              <Button icon={<DownloadOutlined />} data-testid="export-stock" aria-label={t('export.button')} title={wide ? undefined : t('export.button')}>
                {wide ? t('export.button') : null}
              </Button>
            </Dropdown>
          ) : null
        }
      />
      <Routes>
        <Route index element={<Navigate to={`${base}/${tabs[0] ?? 'zone'}`} replace />} />
        <Route path="zone" element={<ReturnsZoneTab />} />
        <Route path="dock" element={<DockTab />} />
        <Route path="moves" element={<MovesTab />} />
        <Route path="counts" element={<CountsTab />} />
        <Route path="counts/:id" element={<CountDetail />} />
        <Route path="vendors" element={<VendorsTab />} />
        <Route path="settings" element={<SettingsTab />} />
        <Route path="*" element={<Navigate to={base} replace />} />
      </Routes>
    </div>
  );
}
