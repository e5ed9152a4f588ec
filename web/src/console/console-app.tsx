/** The staff console: providers (queries, antd in the interface language, session) and its pages, each loaded on demand. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Flex, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from './api/client.ts';
import './console.css';
import { ConsoleLayout } from './layout/console-layout.tsx';
import { SessionProvider, useSession } from './session/session.tsx';

const LoginPage = lazy(() => import('./pages/login/login-page.tsx'));
const HomePage = lazy(() => import('./pages/home/home-page.tsx'));
const ReturnsListPage = lazy(() => import('./pages/returns/returns-list-page.tsx'));
const ReturnDetailPage = lazy(() => import('./pages/return-detail/return-detail-page.tsx'));
const CreateReturnPage = lazy(() => import('./pages/create-return/create-return-page.tsx'));
const CustomersPage = lazy(() => import('./pages/customers/customers-page.tsx'));
const CustomerDetailPage = lazy(() => import('./pages/customers/customer-detail-page.tsx'));
const StockPage = lazy(() => import('./pages/stock/stock-page.tsx'));
const WarehousePage = lazy(() => import('./pages/warehouse/warehouse-page.tsx'));
const CountSheetPage = lazy(() => import('./pages/warehouse/count-sheet-page.tsx'));
const ProcessPage = lazy(() => import('./pages/process/process-page.tsx'));
const ProcessDesignPage = lazy(() => import('./pages/process/process-design-page.tsx'));
const PolicyPage = lazy(() => import('./pages/policy/policy-page.tsx'));
const FinancePage = lazy(() => import('./pages/finance/finance-page.tsx'));
const AnalyticsPage = lazy(() => import('./pages/analytics/analytics-page.tsx'));
const NoticesPage = lazy(() => import('./pages/integrations/notices/notices-page.tsx'));
const ConnectPage = lazy(() => import('./pages/integrations/connect/connect-page.tsx'));
const ImportsPage = lazy(() => import('./pages/integrations/imports/imports-page.tsx'));
const NotFoundPage = lazy(() => import('./pages/not-found-page.tsx'));

const fullPageSpinner = (
  <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
    <Spin size="large" />
  </Flex>
);

function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return fullPageSpinner;
  if (state.status === 'signed-out') return <Navigate to="/console/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return children;
}

function ConsoleRoutes() {
  return (
    <Suspense fallback={fullPageSpinner}>
      <Routes>
        <Route path="login" element={<LoginPage />} />
        {/* The blind count sheet fills a phone's screen: no menu around it. */}
        <Route
          path="count/:id"
          element={
            <RequireSession>
              <CountSheetPage />
            </RequireSession>
          }
        />
        <Route
          element={
            <RequireSession>
              <ConsoleLayout />
            </RequireSession>
          }
        >
          <Route index element={<HomePage />} />
          <Route path="returns" element={<ReturnsListPage />} />
          <Route path="returns/new" element={<CreateReturnPage />} />
          <Route path="returns/:id" element={<ReturnDetailPage />} />
          <Route path="customers" element={<CustomersPage />} />
          <Route path="customers/:id" element={<CustomerDetailPage />} />
          <Route path="stock" element={<StockPage />} />
          <Route path="warehouse/*" element={<WarehousePage />} />
          <Route path="process" element={<ProcessPage />} />
          <Route path="process/design" element={<ProcessDesignPage />} />
          <Route path="policy" element={<PolicyPage />} />
          <Route path="finance" element={<FinancePage />} />
          <Route path="analytics" element={<AnalyticsPage />} />
          <Route path="notices" element={<NoticesPage />} />
          <Route path="connect" element={<ConnectPage />} />
          <Route path="imports" element={<ImportsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

export default function ConsoleApp() {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
            refetchOnWindowFocus: true,
            staleTime: 2000,
          },
        },
      }),
  );
  useEffect(() => {
    dayjs.locale(english ? 'en' : 'zh-cn');
    document.title = i18n.t('console:brand.documentTitle');
  }, [english, i18n]);

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={english ? enUS : zhCN}
        theme={{
          token: {
            colorPrimary: '#1677ff',
            borderRadius: 8,
            colorBgLayout: '#f3f5f9',
            fontFamily:
              '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif',
          },
          components: { Layout: { siderBg: '#0f1b3d', headerHeight: 64 }, Menu: { darkItemBg: '#0f1b3d', darkSubMenuItemBg: '#0b1530' } },
        }}
      >
        <AntApp>
          <SessionProvider>
            <ConsoleRoutes />
          </SessionProvider>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
