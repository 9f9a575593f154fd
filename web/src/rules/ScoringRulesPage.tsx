import { useTranslation } from 'react-i18next';

// Placeholder until this page is built.
export function ScoringRulesPage() {
  const { t } = useTranslation();
  return <h1>{t('rules.scoring.title', { defaultValue: 'ScoringRulesPage' })}</h1>;
}
