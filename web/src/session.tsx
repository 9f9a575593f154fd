import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import {
  ApiError,
  get,
  type Me,
  post,
  SESSION_ENDED,
  type StatusSettings,
  setCsrfToken,
  type User,
} from './api.ts';
import { storedLocale, switchLocale } from './i18n.ts';

type Session = {
  /** undefined while loading; null when nobody is logged in. */
  me: Me | null | undefined;
  statuses: StatusSettings | null;
  unread: number;
  setUnread: (count: number) => void;
  refreshUnread: () => Promise<void>;
  /** Reads the statuses again (after they were edited in the settings). */
  reloadStatuses: () => Promise<void>;
  loggedIn: (user: User, csrfToken: string) => Promise<void>;
  logOut: () => Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Who is logged in, the status settings every page labels with, and the unread badge. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [statuses, setStatuses] = useState<StatusSettings | null>(null);
  const [unread, setUnread] = useState(0);

  const refreshUnread = useCallback(async () => {
    try {
      const page = await get<{ unreadCount: number }>('/api/notifications', { limit: 1, unread: true });
      setUnread(page.unreadCount);
    } catch {
      // The badge is a hint; a failed count leaves the last one.
    }
  }, []);

  const reloadStatuses = useCallback(async () => {
    setStatuses(await get<StatusSettings>('/api/settings/statuses').catch(() => null));
  }, []);

  const start = useCallback(
    async (next: Me) => {
      setCsrfToken(next.csrfToken);
      setMe(next);
      if (next.user && !storedLocale()) await switchLocale(next.user.locale, false);
      await reloadStatuses();
      if (next.user) await refreshUnread();
    },
    [refreshUnread, reloadStatuses],
  );

  useEffect(() => {
    get<Me>('/api/auth/me')
      .then(start)
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) console.error(error);
        setMe(null);
      });
  }, [start]);

  useEffect(() => {
    const ended = () => {
      setCsrfToken(null);
      setMe(null);
    };
    window.addEventListener(SESSION_ENDED, ended);
    return () => window.removeEventListener(SESSION_ENDED, ended);
  }, []);

  // The unread badge follows new notifications while the app is open.
  useEffect(() => {
    if (!me?.user) return;
    const timer = setInterval(() => void refreshUnread(), 60_000);
    return () => clearInterval(timer);
  }, [me, refreshUnread]);

  const loggedIn = useCallback(
    async (user: User, csrfToken: string) => {
      await start({
        user,
        csrfToken,
        principal: { kind: 'user', name: user.name, role: user.role, scope: 'full' },
      });
    },
    [start],
  );

  const logOut = useCallback(async () => {
    try {
      await post('/api/auth/logout');
    } finally {
      setCsrfToken(null);
      setMe(null);
      setUnread(0);
    }
  }, []);

  return (
    <SessionContext.Provider
      value={{ me, statuses, unread, setUnread, refreshUnread, reloadStatuses, loggedIn, logOut }}
    >
      {children}
    </SessionContext.Provider>
  );
}

/** The role of whoever is logged in. */
export function useRole() {
  const { me } = useSession();
  const role = me?.principal.role ?? null;
  return {
    role,
    userId: me?.user?.id ?? null,
    isHead: role === 'head' || role === 'admin',
    isRep: role === 'rep',
  };
}
