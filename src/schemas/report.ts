import { z } from 'zod';
import { IdSchema } from './common.ts';

// Reports: the query every report takes and the shapes of their rows.

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const PeriodQuerySchema = z.object({
  from: z.iso.date().describe('First day of the period (inclusive), in `tz`'),
  to: z.iso.date().describe('Last day of the period (inclusive), in `tz`'),
  tz: z
    .string()
    .max(100)
    .refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Moscow')
    .optional()
    .describe('Time zone the dates are read in; default LEADFLOW_REPORT_TIME_ZONE'),
  locale: z.enum(['en', 'ru']).default('en'),
});

export const REPORT_GROUPINGS = ['campaigns', 'channels', 'forms', 'owners'] as const;
export type ReportGroupingName = (typeof REPORT_GROUPINGS)[number];

export const EconomicsQuerySchema = PeriodQuerySchema.extend({
  by: z.enum(['day', 'week', 'month']).optional().describe('Dynamics: one row per key and day/week/month'),
  channelId: IdSchema.optional(),
  campaignId: IdSchema.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type EconomicsQuery = z.infer<typeof EconomicsQuerySchema>;

export const FunnelQuerySchema = PeriodQuerySchema.extend({
  channelId: IdSchema.optional(),
  campaignId: IdSchema.optional(),
  ownerId: IdSchema.optional(),
});
export type FunnelQuery = z.infer<typeof FunnelQuerySchema>;

export const RepsQuerySchema = PeriodQuerySchema.extend({ format: z.enum(['json', 'csv']).default('json') });
export type RepsQuery = z.infer<typeof RepsQuerySchema>;

export const FigureSchema = z.object({
  value: z.number().nullable().describe('The number; null when its denominator is zero or it is unknown'),
  text: z.string().describe('Formatted for the locale; "n/a" ("н/д") for null'),
  decimal: z.string().nullable().optional().describe('Money only: the exact amount as a decimal string'),
});

/** Figures of the economics report, in the order of the CSV columns. */
export const ECONOMICS_FIGURES = [
  'impressions',
  'clicks',
  'ctr',
  'inquiries',
  'leads',
  'validLeads',
  'targetLeads',
  'cr',
  'spend',
  'cpl',
  'mql',
  'mqlRate',
  'sql',
  'sqlRate',
  'customers',
  'leadToCustomer',
  'cac',
  'revenue',
  'romi',
  'leadTimeMedianHours',
  'leadTimeP90Hours',
  'firstResponseMedianMinutes',
  'affordableCpl',
] as const;
export type EconomicsFigure = (typeof ECONOMICS_FIGURES)[number];

export const EconomicsRowSchema = z.object({
  key: z
    .object({
      campaignId: z.string().nullable().optional(),
      channelId: z.string().nullable().optional(),
      formId: z.string().nullable().optional(),
      ownerId: z.string().nullable().optional(),
      name: z.string().nullable(),
    })
    .describe('A null id: the leads with no campaign / channel / form / owner, in a row of their own'),
  period: z.string().optional().describe('With `by`: the first day of the day/week/month'),
  currency: z.string().describe('The currency of the money figures; "mixed" when a row mixes currencies'),
  figures: z.object(
    Object.fromEntries(ECONOMICS_FIGURES.map((name) => [name, FigureSchema])) as {
      [K in EconomicsFigure]: typeof FigureSchema;
    },
  ),
  cplAboveAffordable: z.boolean().nullable().describe('CPL above the affordable CPL: each lead loses money'),
});
export type EconomicsReportRow = z.infer<typeof EconomicsRowSchema>;

export const EconomicsReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  tz: z.string(),
  by: z.string().nullable(),
  items: z.array(EconomicsRowSchema),
});
export type EconomicsReport = z.infer<typeof EconomicsReportSchema>;

export const FunnelReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  tz: z.string(),
  stages: z.array(
    z.object({
      stage: z.string(),
      count: z.number(),
      text: z.string(),
      dropOff: z
        .object({ count: z.number(), rate: FigureSchema })
        .nullable()
        .describe('Lost since the previous stage; null for the first'),
    }),
  ),
  bottleneck: z
    .object({ from: z.string(), to: z.string(), lost: z.number(), rate: FigureSchema })
    .nullable()
    .describe('The transition with the largest drop-off rate'),
});
export type FunnelReport = z.infer<typeof FunnelReportSchema>;

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

export const RepRowSchema = z.object({
  key: z.object({ ownerId: z.string(), name: z.string(), role: z.string() }),
  figures: z.object(
    Object.fromEntries(REP_FIGURES.map((name) => [name, FigureSchema])) as {
      [K in RepFigure]: typeof FigureSchema;
    },
  ),
});
export const RepsReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  tz: z.string(),
  items: z.array(RepRowSchema),
});
export type RepsReport = z.infer<typeof RepsReportSchema>;
