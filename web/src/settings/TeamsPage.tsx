import { useTranslation } from 'react-i18next';

// Placeholder until this page is built.
export function TeamsPage() {
  const { t } = useTranslation();
  return <h1>{t('settings.teams.title', { defaultValue: 'TeamsPage' })}</h1>;
}
