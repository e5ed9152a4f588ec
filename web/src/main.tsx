/** The web app's entry: the staff console at /console, the customer portal at /portal. */
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import './i18n/index.ts';

const ConsoleApp = lazy(() => import('./console/console-app.tsx'));
const PortalApp = lazy(() => import('./portal/portal-app.tsx'));

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <Suspense fallback={null}>
        <Routes>
          <Route path="/portal/*" element={<PortalApp />} />
          <Route path="/console/*" element={<ConsoleApp />} />
          <Route path="*" element={<Navigate to="/console" replace />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  </StrictMode>,
);
