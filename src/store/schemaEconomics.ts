import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
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

/**
 * The columns of something kept for a report (a report_cache entry, a rollup span): which report
 * grouping, time zone and days, their instants, and the snapshot it was computed from.
 */
const keptForReport = () => ({
  grouping: text('grouping').notNull(),
  timeZone: text('time_zone').notNull(),
  fromDay: date('from_day').notNull(),
  untilDay: date('until_day').notNull(),
  // The days' instants in their time zone, compared with the changes' ranges.
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  // The snapshot taken before computing (pg_snapshot as text): a change by a transaction it does
  // not see may be missing. Its xmin (every older transaction it sees) bounds the index scan of
  // report_changes.
  snapshot: text('snapshot').notNull(),
  snapshotXmin: bigint('snapshot_xmin', { mode: 'number' }).notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});

// Reports of closed periods, kept so that a year of monthly dynamics does not count a year of
// leads on every request. An entry holds the finished rows of one bucket (one report grouping,
// time zone and filter) and the snapshot it was computed from; it is used only while no change
// logged in report_changes since that snapshot touches its time range (see store/reports/cache.ts).
export const reportCache = pgTable(
  'report_cache',
  {
    ...keptForReport(),
    // The report's filter as JSON: [channelId, campaignId], null where not filtered.
    filter: text('filter').notNull(),
    rows: jsonb('rows').notNull(),
    // When a report last asked for the bucket (to the hour): entries asked for lately are
    // recomputed in the background when a change makes them stale, the others are forgotten.
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.grouping, t.timeZone, t.filter, t.fromDay, t.untilDay] })],
);

// What writes touched, for the report cache: the time range of the report figures a statement may
// have changed, and the transaction that made it. Written by statement-level triggers on leads,
// inquiries, daily stats, campaigns, channels and users (migration 0007), never by code.
// scope 'all': every report grouping; 'follows_lead': form and owner reports only, whose inquiries
// take the card's current form and owner; 'traffic': daily stats (every cached report, no daily
// rollup); 'catalog': campaigns, channels, users' names (every cached report, form and owner
// rollups, which keep campaign currencies) (migration 0009).
export const reportChanges = pgTable(
  'report_changes',
  {
    txid: bigint('txid', { mode: 'number' }).notNull(),
    fromAt: timestamp('from_at', { withTimezone: true }).notNull(),
    toAt: timestamp('to_at', { withTimezone: true }).notNull(),
    scope: text('scope').$type<'all' | 'follows_lead' | 'traffic' | 'catalog'>().notNull(),
    loggedAt: timestamp('logged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_changes_txid_idx').on(t.txid)],
);

// Rollups of the economics report: per report grouping, time zone and span of calendar days (a
// day or a month), the counts of each cell (key, and campaign where spend needs it) with the lead
// and response times it collected, so that a report of any period merges a few kept spans instead
// of counting every lead. Kept by a scheduler job for the configured time zone; a span is used
// while no change logged since its snapshot touches it, like a report_cache entry (see
// store/reports/rollups.ts).
export const reportRollups = pgTable(
  'report_rollups',
  {
    ...keptForReport(),
    // The computation that wrote the span's current cells: cells of another one (a concurrent or
    // earlier computation) are ignored and deleted by the next.
    computation: uuid('computation').notNull(),
    // When the snapshot was last moved forward for a span no change touched (so old changes can go).
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.grouping, t.timeZone, t.fromDay, t.untilDay] })],
);

export const reportRollupCells = pgTable(
  'report_rollup_cells',
  {
    grouping: text('grouping').notNull(),
    timeZone: text('time_zone').notNull(),
    // The span and the computation that wrote the cell.
    fromDay: date('from_day').notNull(),
    untilDay: date('until_day').notNull(),
    computation: uuid('computation').notNull(),
    // The row key as text (uuid, or the form id; '' and the zero uuid for "none").
    key: text('key').notNull(),
    campaignId: uuid('campaign_id'),
    leads: integer('leads').notNull(),
    validLeads: integer('valid_leads').notNull(),
    targetLeads: integer('target_leads').notNull(),
    mql: integer('mql').notNull(),
    sqlCount: integer('sql_count').notNull(),
    leadCurrencyMin: text('lead_currency_min'),
    leadCurrencyMax: text('lead_currency_max'),
    customers: integer('customers').notNull(),
    revenue: numeric('revenue'),
    dealCurrencyMin: text('deal_currency_min'),
    dealCurrencyMax: text('deal_currency_max'),
    leadTimes: doublePrecision('lead_times').array(),
    responseTimes: doublePrecision('response_times').array(),
    inquiries: integer('inquiries').notNull(),
  },
  (t) => [index('report_rollup_cells_span_idx').on(t.grouping, t.timeZone, t.fromDay)],
);
