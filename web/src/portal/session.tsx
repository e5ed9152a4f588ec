/** The customer's session on this device, and the guard of pages that need one. */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { currentCustomerId, keepSession, onSignedOut, signOut } from './portal-api.ts';
import type { Session } from './portal-types.ts';

type SessionState = { customerId: string | null; signIn(session: Pick<Session, 'token' | 'customerId'>): void; signOut(): void };

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [customerId, setCustomerId] = useState(currentCustomerId);
  useEffect(
    () =>
      onSignedOut(() => {
        setCustomerId(null);
        queryClient.clear();
      }),
    [queryClient],
  );
  const signIn = useCallback(
    (session: Pick<Session, 'token' | 'customerId'>) => {
      if (session.customerId !== currentCustomerId()) queryClient.clear();
      keepSession(session);
      setCustomerId(session.customerId);
    },
    [queryClient],
  );
  const value = useMemo(() => ({ customerId, signIn, signOut }), [customerId, signIn]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session of the portal. */
export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Shows its page to a signed-in customer; sends anyone else to the sign-in page and back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { customerId } = useSession();
  const location = useLocation();
  if (!customerId) return <Navigate to={`/portal?next=${encodeURIComponent(location.pathname)}`} replace />;
  return <>{children}</>;
}
