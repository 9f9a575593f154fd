import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';

/** Every settings page, listed beside the one shown. */
const SETTINGS_PAGES = [
  ['users', 'nav.settingsUsers'],
  ['teams', 'nav.settingsTeams'],
  ['statuses', 'nav.settingsStatuses'],
  ['routing', 'nav.settingsRouting'],
  ['assignment-rules', 'nav.settingsAssignmentRules'],
  ['scoring', 'nav.settingsScoring'],
  ['forms', 'nav.settingsForms'],
] as const;

export function SettingsLayout() {
  const { t } = useTranslation();
  return (
    <div className="settings-layout">
      <nav className="settings-nav" aria-label={t('nav.settings')}>
        {SETTINGS_PAGES.map(([path, key]) => (
          <NavLink key={path} to={`/settings/${path}`}>
            {t(key)}
          </NavLink>
        ))}
      </nav>
      <div className="settings-page">
        <Outlet />
      </div>
    </div>
  );
}
