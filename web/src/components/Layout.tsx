import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import type { Locale } from '../api.ts';
import { LOCALES, switchLocale } from '../i18n.ts';
import { useSession } from '../session.tsx';

export function Layout() {
  const { t, i18n } = useTranslation();
  const { me, unread, logOut } = useSession();
  const navigate = useNavigate();
  // Reps work leads; settings, campaigns and channels are for the roles that manage them.
  const role = me?.principal.role;
  const managesSomething = role === 'admin' || role === 'head' || role === 'marketer';

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <span className="brand">leadflow</span>
        <nav aria-label={t('nav.main')}>
          <NavLink to="/leads">{t('nav.leads')}</NavLink>
          <NavLink to="/tasks">{t('nav.tasks')}</NavLink>
          <NavLink to="/board">{t('nav.board')}</NavLink>
          <NavLink to="/dashboard">{t('nav.dashboard')}</NavLink>
          {managesSomething && <NavLink to="/campaigns">{t('nav.campaigns')}</NavLink>}
          {managesSomething && <NavLink to="/channels">{t('nav.channels')}</NavLink>}
          {managesSomething && <NavLink to="/settings">{t('nav.settings')}</NavLink>}
          <NavLink to="/notifications" data-testid="nav-notifications">
            {t('nav.notifications')}
            {unread > 0 && (
              <span className="badge" data-testid="unread-badge">
                {unread}
                <span className="visually-hidden"> {t('nav.unread', { count: unread })}</span>
              </span>
            )}
          </NavLink>
        </nav>
        <div className="header-tools">
          <label className="inline-label">
            <span className="visually-hidden">{t('nav.language')}</span>
            <select
              value={i18n.language}
              onChange={(event) => void switchLocale(event.target.value as Locale, true)}
              data-testid="locale-switch"
            >
              {LOCALES.map((locale) => (
                <option key={locale} value={locale}>
                  {locale.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
          <span className="user-name" data-testid="current-user">
            {me?.user?.name ?? me?.principal.name}
          </span>
          <button
            type="button"
            onClick={() => {
              void logOut().then(() => navigate('/login'));
            }}
          >
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}
