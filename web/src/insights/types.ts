// Shapes of the report API as the dashboard uses them. They mirror the Zod schemas of
// src/schemas/report.ts and src/schemas/reportDistributions.ts, which stay the truth.

/** A report figure: the number (null when unknown or its denominator is zero) and its text. */
export type Figure = { value: number | null; text: string };

/** GET /api/reports/{channels,campaigns} (EconomicsReportSchema). */
export type EconomicsRow = {
  key: { channelId?: string | null; campaignId?: string; name: string | null };
  cplAboveAffordable?: boolean | null;
  period?: string;
  currency: string;
  figures: Record<string, Figure>;
};
export type EconomicsReport = { items: EconomicsRow[] };

/** GET /api/reports/funnel (FunnelReportSchema). */
export type FunnelReport = {
  stages: { stage: string; count: number; text: string; dropOff: { count: number; rate: Figure } | null }[];
  bottleneck: { from: string; to: string; lost: number; rate: Figure } | null;
};

/** GET /api/reports/reps (RepsReportSchema). */
export const REP_FIGURES = [
  'received',
  'worked',
  'firstResponseMedianMinutes',
  'overdueTasks',
  'converted',
  'conversionRate',
  'leadTimeMedianHours',
] as const;
export type RepFigure = (typeof REP_FIGURES)[number];
export type RepRow = {
  key: { ownerId: string; name: string; role: string };
  figures: Record<RepFigure, Figure>;
};
export type RepsReport = { items: RepRow[] };

/** GET /api/reports/lead-time-distribution and /first-response-distribution. */
export const LEAD_TIME_BUCKETS = ['under_1d', '1d_3d', '3d_7d', '1w_2w', '2w_4w', 'over_4w'] as const;
export const FIRST_RESPONSE_BUCKETS = [
  'under_5m',
  '5m_15m',
  '15m_1h',
  '1h_4h',
  '4h_1d',
  'over_1d',
  'unanswered',
] as const;
export type LeadTimeBucket = (typeof LEAD_TIME_BUCKETS)[number];
export type FirstResponseBucket = (typeof FIRST_RESPONSE_BUCKETS)[number];
export type DistributionBucket<B extends string> = {
  bucket: B;
  lowerSeconds: number | null;
  upperSeconds: number | null;
  count: number;
  text: string;
  share: Figure;
};
export type Distribution<B extends string> = { total: number; buckets: DistributionBucket<B>[] };

/** What every report of the dashboard is asked for. */
export type ReportPeriod = { from: string; to: string; tz: string; locale: 'en' | 'ru' };
export type Granularity = 'day' | 'week' | 'month';
