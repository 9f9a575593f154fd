import { useTranslation } from 'react-i18next';

// Placeholder until this page is built.
export function UsersPage() {
  const { t } = useTranslation();
  return <h1>{t('settings.users.title', { defaultValue: 'UsersPage' })}</h1>;
}
