import { useTranslation } from 'react-i18next';

// Placeholder until this page is built.
export function CampaignsPage() {
  const { t } = useTranslation();
  return <h1>{t('marketing.campaigns.title', { defaultValue: 'CampaignsPage' })}</h1>;
}
