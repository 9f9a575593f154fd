import { z } from 'zod';
import { COST_FIELDS } from '../domain/costCsv.ts';
import type { campaignDailyStats, costImports } from '../store/schemaEconomics.ts';
import { IdSchema, TimestampSchema, text } from './common.ts';

const isoDay = z.iso.date('must be a date YYYY-MM-DD');
const count = z.number().int('must be a whole number').min(0, 'must not be negative');
/** Money as a decimal string (a number is accepted too); negative for refunds and corrections. */
const signedMoney = z
  .union([
    z.number().min(-1e13).max(1e13),
    z.string().regex(/^-?\d{1,14}(\.\d{1,2})?$/, 'must be a decimal number with at most 2 decimals'),
  ])
  .transform((v) => String(v));
const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code');

/** Traffic and spend of one campaign on one day, as entered by hand or sent by a script. */
export const DailyStatInputSchema = z
  .object({
    day: isoDay,
    impressions: count.optional(),
    clicks: count.optional(),
    actions: count.optional().describe('Paid actions (orders, sign-ups) of a CPA campaign'),
    spend: signedMoney
      .nullable()
      .optional()
      .describe('What was paid; null or absent: not stated, derived from the pricing model'),
    currency: currencyCode.optional().describe("Defaults to the campaign's currency"),
    note: text(1000).optional(),
  })
  .strict();
export type DailyStatInput = z.infer<typeof DailyStatInputSchema>;

export const MAX_STATS_BATCH = 1000;
export const DailyStatsBodySchema = z.union([
  DailyStatInputSchema,
  z.array(DailyStatInputSchema).min(1).max(MAX_STATS_BATCH),
]);

export const DailyStatSchema = z.object({
  id: IdSchema,
  campaignId: IdSchema,
  day: z.string(),
  impressions: z.number().int(),
  clicks: z.number().int(),
  actions: z.number().int(),
  spend: z.string().nullable(),
  currency: z.string(),
  note: z.string().nullable(),
  source: z.enum(['manual', 'api', 'import']),
  importId: IdSchema.nullable(),
  createdAt: TimestampSchema,
});
export type DailyStat = z.infer<typeof DailyStatSchema>;
export type DailyStatRow = typeof campaignDailyStats.$inferSelect;

export const DailyStatsQuerySchema = z.object({
  from: isoDay.optional(),
  to: isoDay.optional(),
});

/** Sums of one day; spend per currency, because amounts in different currencies never add up. */
export const DayTotalSchema = z.object({
  day: z.string(),
  impressions: z.number().int(),
  clicks: z.number().int(),
  actions: z.number().int(),
  spend: z
    .array(z.object({ currency: z.string(), amount: z.string() }))
    .describe('Stated spend per currency; rows without a stated spend are left out'),
  rowsWithoutSpend: z.number().int(),
});

export const DailyStatsListSchema = z.object({
  items: z.array(DailyStatSchema),
  totals: z.array(DayTotalSchema),
});

export const StatParamsSchema = z.object({ id: IdSchema, rowId: IdSchema });

/** A change to one row: the fields given replace the stored ones; a null note or spend clears it. */
export const DailyStatPatchSchema = DailyStatInputSchema.extend({ note: text(1000).nullable().optional() })
  .partial()
  .strict();
export type DailyStatPatch = z.infer<typeof DailyStatPatchSchema>;

// ---- CSV import ----

export const CostMappingSchema = z
  .object(
    Object.fromEntries(COST_FIELDS.map((f) => [f, text(200).optional()])) as Record<
      (typeof COST_FIELDS)[number],
      z.ZodOptional<z.ZodString>
    >,
  )
  .strict()
  .describe('Our field → the CSV column (its header text)');

export const CostImportPreviewBodySchema = z
  .object({
    csv: z.string().min(1, 'must not be empty'),
    mapping: CostMappingSchema.optional().describe('Defaults to the suggested mapping'),
    campaignId: IdSchema.optional().describe('The whole file is for this campaign'),
  })
  .strict();

export const CostImportBodySchema = CostImportPreviewBodySchema.extend({
  fileName: text(300).optional(),
  replace: z
    .boolean()
    .optional()
    .describe(
      'Default true: rows earlier imports stored for the same campaign-days are replaced, so importing the same export twice does not double the figures. Hand-entered and API rows are never touched. false adds to them.',
    ),
});
export type CostImportBody = z.infer<typeof CostImportBodySchema>;

/** The CSV as a text/csv body: the mapping comes in the query string (`map=day:Дата,clicks:Клики`). */
export const CostImportQuerySchema = z.object({
  map: text(2000)
    .optional()
    .describe('Comma-separated field:column pairs, e.g. `day:Дата,clicks:Клики,spend:Расход`'),
  campaignId: IdSchema.optional(),
  fileName: text(300).optional(),
  replace: z.enum(['true', 'false']).optional(),
});

export const ImportProblemSchema = z.object({
  line: z.number().int().describe('Line of the file; the header is line 1'),
  column: z.string().optional(),
  reason: z.string(),
});

export const PreviewRowSchema = z.object({
  line: z.number().int(),
  day: z.string(),
  campaignId: IdSchema.nullable(),
  campaignName: z.string().nullable(),
  impressions: z.number().int(),
  clicks: z.number().int(),
  actions: z.number().int(),
  spend: z.string().nullable(),
  currency: z.string(),
});

export const CostImportPreviewSchema = z.object({
  delimiter: z.string(),
  headers: z.array(z.string()),
  suggestedMapping: CostMappingSchema,
  mapping: CostMappingSchema,
  totalRows: z.number().int(),
  rows: z.array(PreviewRowSchema).describe('The first 20 data rows read without problems'),
  problems: z.array(ImportProblemSchema).describe('Problems in the first 20 data rows'),
});

export const CostImportSchema = z.object({
  id: IdSchema,
  fileName: z.string().nullable(),
  campaignId: IdSchema.nullable(),
  mapping: CostMappingSchema,
  status: z.enum(['running', 'done', 'failed']),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  importedRows: z.number().int(),
  problems: z.array(ImportProblemSchema),
  createdAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
});
export type CostImport = z.infer<typeof CostImportSchema>;

export const CostImportListQuerySchema = z.object({
  campaignId: IdSchema.optional().describe('Only imports made for this campaign (a campaignId import)'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type CostImportRow = typeof costImports.$inferSelect;
