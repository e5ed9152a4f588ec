/** The signed-in staff user: sign-in, sign-out, and the interface language remembered per user. */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, use, useCallback, useEffect, useMemo, useState } from 'react';
import type { User } from '../../api/types.ts';
import { type Language, setLanguage } from '../../i18n/index.ts';
import { ApiError, api, onSessionExpired } from '../api/client.ts';
import { allows, type Permission } from './permissions.ts';

type SessionState = { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; user: User };

export type Session = {
  state: SessionState;
  user: User | null;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** Switches the language now and remembers it for the user. */
  changeLanguage: (language: Language) => Promise<void>;
  can: (permission: Permission) => boolean;
};

const SessionContext = createContext<Session | null>(null);

const asLanguage = (locale: string | undefined): Language => (locale === 'en' ? 'en' : 'zh-CN');

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>(() => (api.tokens.get() ? { status: 'loading' } : { status: 'signed-out' }));

  const signOutLocally = useCallback(() => {
    api.tokens.set(null);
    queryClient.clear();
    setState({ status: 'signed-out' });
  }, [queryClient]);

  useEffect(() => onSessionExpired(signOutLocally), [signOutLocally]);

  useEffect(() => {
    if (state.status !== 'loading') return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A dropped connection or a restarting server must not sign people out: only a 401 does.
    const load = (attempt: number) => {
      api
        .get<User>('auth/me')
        .then(async (user) => {
          if (!live) return;
          await setLanguage(asLanguage(user.locale));
          setState({ status: 'signed-in', user });
        })
        .catch((error: unknown) => {
          if (!live) return;
          if ((error instanceof ApiError && error.status === 401) || attempt >= 5) signOutLocally();
          else timer = setTimeout(() => load(attempt + 1), 1000 * (attempt + 1));
        });
    };
    load(0);
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [state.status, signOutLocally]);

  const login = useCallback(async (email: string, password: string) => {
    const result = await api.post<{ token: string; user: User }>('auth/login', { email, password });
    api.tokens.set(result.token);
    await setLanguage(asLanguage(result.user.locale));
    setState({ status: 'signed-in', user: result.user });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('auth/logout');
    } finally {
      signOutLocally();
    }
  }, [signOutLocally]);

  const user = state.status === 'signed-in' ? state.user : null;

  const changeLanguage = useCallback(
    async (language: Language) => {
      await setLanguage(language);
      if (!user) return;
      const updated = await api.patch<User>('auth/me', { locale: language });
      setState({ status: 'signed-in', user: updated });
    },
    [user],
  );

  const value = useMemo<Session>(
    () => ({ state, user, login, logout, changeLanguage, can: (permission) => (user ? allows(user.roles, permission) : false) }),
    [state, user, login, logout, changeLanguage],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

/** The session of the console. */
export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user (pages under the layout are only shown signed in). */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser while signed out');
  return user;
}
