import { useTranslation } from 'react-i18next';
import { useFormat } from '../format.ts';
import type { Campaign } from './types.ts';

/** "CPC · ₽60.00", "Fixed", "Free": a campaign's pricing in a few words. */
export function usePricingText() {
  const { t } = useTranslation();
  const format = useFormat();
  return (campaign: Campaign) => {
    const model = t(`marketing.pricingShort.${campaign.pricingModel}`);
    return campaign.price !== null && campaign.pricingModel !== 'free'
      ? `${model} · ${format.money(campaign.price, campaign.currency)}`
      : model;
  };
}
