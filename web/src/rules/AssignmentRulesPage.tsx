import { useTranslation } from 'react-i18next';

// Placeholder until this page is built.
export function AssignmentRulesPage() {
  const { t } = useTranslation();
  return <h1>{t('rules.assignment.title', { defaultValue: 'AssignmentRulesPage' })}</h1>;
}
