import { useTranslation } from 'react-i18next';

// Placeholder until this page is built.
export function StatusesPage() {
  const { t } = useTranslation();
  return <h1>{t('settings.statuses.title', { defaultValue: 'StatusesPage' })}</h1>;
}
