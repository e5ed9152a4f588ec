/**
 * The customer self-service portal (/portal): a return in under a minute from a phone,
 * working inside WeChat's in-app browser. Plain React and a small stylesheet (no UI
 * kit), so that the first load on mobile data stays light.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import ApplyPage from './pages/apply-page.tsx';
import LinkPage from './pages/link-page.tsx';
import OrdersPage from './pages/orders-page.tsx';
import PolicyPage from './pages/policy-page.tsx';
import ReturnPage from './pages/return-page.tsx';
import SignInPage from './pages/sign-in-page.tsx';
import { RequireSession, SessionProvider } from './session.tsx';
import './portal.css';

/** Each new page starts at its top (the router keeps the old scroll position otherwise). */
function ScrollToTop() {
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger, not an input
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  return null;
}

export default function PortalApp() {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 5_000 }, mutations: { retry: 0 } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <div className="pt-app">
          <ScrollToTop />
          <Routes>
            <Route index element={<SignInPage />} />
            <Route
              path="orders"
              element={
                <RequireSession>
                  <OrdersPage />
                </RequireSession>
              }
            />
            <Route
              path="orders/:orderId/return"
              element={
                <RequireSession>
                  <ApplyPage />
                </RequireSession>
              }
            />
            <Route
              path="returns/:returnId"
              element={
                <RequireSession>
                  <ReturnPage />
                </RequireSession>
              }
            />
            <Route path="p/:token" element={<LinkPage />} />
            <Route path="policy" element={<PolicyPage />} />
            <Route path="*" element={<Navigate to="/portal" replace />} />
          </Routes>
        </div>
      </SessionProvider>
    </QueryClientProvider>
  );
}
