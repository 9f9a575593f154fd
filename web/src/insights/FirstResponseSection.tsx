import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DistributionCard } from './DistributionCard.tsx';
import type { FirstResponseBucket, ReportPeriod } from './types.ts';

export function firstResponseLabel(t: TFunction, bucket: FirstResponseBucket): string {
  switch (bucket) {
    case 'under_5m':
      return t('insights.firstResponse.under_5m');
    case '5m_15m':
      return t('insights.firstResponse.5m_15m');
    case '15m_1h':
      return t('insights.firstResponse.15m_1h');
    case '1h_4h':
      return t('insights.firstResponse.1h_4h');
    case '4h_1d':
      return t('insights.firstResponse.4h_1d');
    case 'over_1d':
      return t('insights.firstResponse.over_1d');
    case 'unanswered':
      return t('insights.firstResponse.unanswered');
  }
}

const NOT_A_DURATION: readonly FirstResponseBucket[] = ['unanswered'];

/** Leads of the period by time from creation to their first response, and those not answered yet. */
export function FirstResponseSection({ period, channelId }: { period: ReportPeriod; channelId: string }) {
  const { t } = useTranslation();
  return (
    <DistributionCard<FirstResponseBucket>
      path="/api/reports/first-response-distribution"
      period={period}
      channelId={channelId}
      title={t('insights.firstResponse.title')}
      hint={t('insights.firstResponse.hint')}
      bucketHeader={t('insights.firstResponse.bucket')}
      labelOf={(bucket) => firstResponseLabel(t, bucket)}
      muted={NOT_A_DURATION}
      testId="first-response"
    />
  );
}
