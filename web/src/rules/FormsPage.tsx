import { useTranslation } from 'react-i18next';

// Placeholder until this page is built.
export function FormsPage() {
  const { t } = useTranslation();
  return <h1>{t('rules.forms.title', { defaultValue: 'FormsPage' })}</h1>;
}
