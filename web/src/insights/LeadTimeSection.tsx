import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DistributionCard } from './DistributionCard.tsx';
import type { LeadTimeBucket, ReportPeriod } from './types.ts';

export function leadTimeLabel(t: TFunction, bucket: LeadTimeBucket): string {
  switch (bucket) {
    case 'under_1d':
      return t('insights.leadTime.under_1d');
    case '1d_3d':
      return t('insights.leadTime.1d_3d');
    case '3d_7d':
      return t('insights.leadTime.3d_7d');
    case '1w_2w':
      return t('insights.leadTime.1w_2w');
    case '2w_4w':
      return t('insights.leadTime.2w_4w');
    case 'over_4w':
      return t('insights.leadTime.over_4w');
  }
}

/** Converted leads of the period by time from creation to conversion. */
export function LeadTimeSection({ period, channelId }: { period: ReportPeriod; channelId: string }) {
  const { t } = useTranslation();
  return (
    <DistributionCard<LeadTimeBucket>
      path="/api/reports/lead-time-distribution"
      period={period}
      channelId={channelId}
      title={t('insights.leadTime.title')}
      hint={t('insights.leadTime.hint')}
      bucketHeader={t('insights.leadTime.bucket')}
      labelOf={(bucket) => leadTimeLabel(t, bucket)}
      testId="lead-time"
    />
  );
}
