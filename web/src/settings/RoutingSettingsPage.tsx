import { useTranslation } from 'react-i18next';

// Placeholder until this page is built.
export function RoutingSettingsPage() {
  const { t } = useTranslation();
  return <h1>{t('settings.routing.title', { defaultValue: 'RoutingSettingsPage' })}</h1>;
}
