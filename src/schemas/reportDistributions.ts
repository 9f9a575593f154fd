import { z } from 'zod';
import { FigureSchema, FunnelQuerySchema } from './report.ts';

// Two histograms of the leads created in a period: lead time (created → converted) and first
// response time (created → first response). The buckets are part of the contract: fixed names and
// bounds, in order, every bucket present even when empty.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Lead time buckets, in order: <1 d, 1–3 d, 3–7 d, 1–2 w, 2–4 w, ≥4 w. */
export const LEAD_TIME_BUCKETS = ['under_1d', '1d_3d', '3d_7d', '1w_2w', '2w_4w', 'over_4w'] as const;
/** The bounds between those buckets, in seconds: bucket i holds [bound i-1, bound i). */
export const LEAD_TIME_BOUNDS = [DAY, 3 * DAY, WEEK, 2 * WEEK, 4 * WEEK] as const;

/** First response buckets, in order: <5 min, 5–15 min, 15–60 min, 1–4 h, 4–24 h, ≥1 d, never answered. */
export const FIRST_RESPONSE_BUCKETS = [
  'under_5m',
  '5m_15m',
  '15m_1h',
  '1h_4h',
  '4h_1d',
  'over_1d',
  'unanswered',
] as const;
/** The bounds between the answered buckets, in seconds. */
export const FIRST_RESPONSE_BOUNDS = [5 * MINUTE, 15 * MINUTE, HOUR, 4 * HOUR, DAY] as const;

export type LeadTimeBucket = (typeof LEAD_TIME_BUCKETS)[number];
export type FirstResponseBucket = (typeof FIRST_RESPONSE_BUCKETS)[number];

/** The period, channel, campaign and owner filters of the funnel: the same cohort of leads. */
export const DistributionQuerySchema = FunnelQuerySchema;
export type DistributionQuery = z.infer<typeof DistributionQuerySchema>;

const bucketOf = <T extends readonly [string, ...string[]]>(names: T) =>
  z.object({
    bucket: z.enum(names),
    lowerSeconds: z.number().nullable().describe('Inclusive lower bound; null for the unanswered leads'),
    upperSeconds: z.number().nullable().describe('Exclusive upper bound; null when open-ended or unanswered'),
    count: z.number().int(),
    text: z.string().describe('The count, formatted for the locale'),
    share: FigureSchema.describe('Share of `total`; null when there are no leads'),
  });

const reportOf = <T extends readonly [string, ...string[]]>(names: T, total: string) =>
  z.object({
    from: z.string(),
    to: z.string(),
    tz: z.string(),
    total: z.number().int().describe(total),
    buckets: z.array(bucketOf(names)),
  });

export const LeadTimeDistributionSchema = reportOf(
  LEAD_TIME_BUCKETS,
  'Converted leads of the cohort (the sum of the buckets)',
);
export type LeadTimeDistribution = z.infer<typeof LeadTimeDistributionSchema>;

export const FirstResponseDistributionSchema = reportOf(
  FIRST_RESPONSE_BUCKETS,
  'Leads of the cohort (the sum of the buckets, unanswered included)',
);
export type FirstResponseDistribution = z.infer<typeof FirstResponseDistributionSchema>;
