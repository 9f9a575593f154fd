import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { campaigns } from './schema.ts';

// Marketing economics: what campaigns cost and what traffic they bought, per day.

export type ImportProblem = { line: number; reason: string; column?: string };

// Traffic and spend of one campaign on one day. Several rows may exist for a day (an import plus a
// hand correction, a refund as a negative spend); reports sum them. A null spend means "not stated":
// the report derives it from the campaign's pricing model.
export const campaignDailyStats = pgTable(
  'campaign_daily_stats',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    impressions: bigint('impressions', { mode: 'number' }).notNull().default(0),
    clicks: bigint('clicks', { mode: 'number' }).notNull().default(0),
    // Paid actions (orders, sign-ups) for CPA campaigns.
    actions: integer('actions').notNull().default(0),
    spend: numeric('spend', { precision: 16, scale: 2 }),
    currency: text('currency').notNull().default('RUB'),
    note: text('note'),
    // manual | api | import
    source: text('source').notNull().default('manual'),
    importId: uuid('import_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('campaign_daily_stats_campaign_day_idx').on(t.campaignId, t.day),
    index('campaign_daily_stats_day_idx').on(t.day),
    index('campaign_daily_stats_import_idx').on(t.importId).where(sql`import_id IS NOT NULL`),
  ],
);

// A CSV export of an ad cabinet being imported: its column mapping, progress and bad lines.
export const costImports = pgTable('cost_imports', {
  id: id(),
  fileName: text('file_name'),
  campaignId: uuid('campaign_id').references(() => campaigns.id),
  mapping: jsonb('mapping').$type<Record<string, string>>().notNull().default({}),
  status: text('status').$type<'running' | 'done' | 'failed'>().notNull().default('running'),
  totalRows: integer('total_rows').notNull().default(0),
  processedRows: integer('processed_rows').notNull().default(0),
  importedRows: integer('imported_rows').notNull().default(0),
  problems: jsonb('problems').$type<ImportProblem[]>().notNull().default([]),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

export const economicsTables = { campaignDailyStats, costImports };
