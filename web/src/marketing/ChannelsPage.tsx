import { useTranslation } from 'react-i18next';

// Placeholder until this page is built.
export function ChannelsPage() {
  const { t } = useTranslation();
  return <h1>{t('marketing.channels.title', { defaultValue: 'ChannelsPage' })}</h1>;
}
