import { and, asc, desc, eq, gte, lt, lte, notInArray, sql } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { campaigns, trackingIdentifiers } from './schema.ts';
import type { ImportProblem } from './schemaEconomics.ts';
import { campaignDailyStats, costImports } from './schemaEconomics.ts';
import { jsonInsertQuery, queryRows } from './sql.ts';

export type DailyStatRow = typeof campaignDailyStats.$inferSelect;
export type NewDailyStatRow = typeof campaignDailyStats.$inferInsert;
export type CostImportRow = typeof costImports.$inferSelect;

export type DayRange = { campaignId: string; from?: string | undefined; to?: string | undefined };

export async function insertDailyStats(ex: Executor, rows: NewDailyStatRow[]): Promise<DailyStatRow[]> {
  if (rows.length === 0) return [];
  return ex.insert(campaignDailyStats).values(rows).returning();
}

/** Many rows in one fixed statement (imports insert a thousand at a time). */
export async function insertDailyStatsBulk(ex: Executor, rows: NewDailyStatRow[]): Promise<void> {
  const query = jsonInsertQuery(campaignDailyStats, rows);
  if (query) await ex.execute(query);
}

function rangeFilter(range: DayRange) {
  return and(
    eq(campaignDailyStats.campaignId, range.campaignId),
    range.from ? gte(campaignDailyStats.day, range.from) : undefined,
    range.to ? lte(campaignDailyStats.day, range.to) : undefined,
  );
}

export async function listDailyStats(ex: Executor, range: DayRange): Promise<DailyStatRow[]> {
  return ex
    .select()
    .from(campaignDailyStats)
    .where(rangeFilter(range))
    .orderBy(asc(campaignDailyStats.day), asc(campaignDailyStats.createdAt), asc(campaignDailyStats.id));
}

export type DayCurrencyTotal = {
  day: string;
  currency: string;
  impressions: number;
  clicks: number;
  actions: number;
  /** Sum of the stated spends; null when no row of the group states one. */
  spend: string | null;
  rowsWithoutSpend: number;
};

/** Sums per day and currency, grouped in the database. */
export async function dailyTotals(ex: Executor, range: DayRange): Promise<DayCurrencyTotal[]> {
  const rows = await queryRows<{
    day: string;
    currency: string;
    impressions: string;
    clicks: string;
    actions: string;
    spend: string | null;
    without_spend: string;
  }>(
    ex,
    sql`SELECT day::text AS day, currency,
          sum(impressions)::text AS impressions, sum(clicks)::text AS clicks,
          sum(actions)::text AS actions, sum(spend)::text AS spend,
          count(*) FILTER (WHERE spend IS NULL)::text AS without_spend
        FROM campaign_daily_stats
        WHERE campaign_id = ${range.campaignId}
          AND (${range.from ?? null}::date IS NULL OR day >= ${range.from ?? null}::date)
          AND (${range.to ?? null}::date IS NULL OR day <= ${range.to ?? null}::date)
        GROUP BY day, currency
        ORDER BY day, currency`,
  );
  return rows.map((r) => ({
    day: r.day,
    currency: r.currency,
    impressions: Number(r.impressions),
    clicks: Number(r.clicks),
    actions: Number(r.actions),
    spend: r.spend,
    rowsWithoutSpend: Number(r.without_spend),
  }));
}

export async function deleteDailyStat(
  ex: Executor,
  campaignId: string,
  rowId: string,
): Promise<DailyStatRow | undefined> {
  const [row] = await ex
    .delete(campaignDailyStats)
    .where(and(eq(campaignDailyStats.id, rowId), eq(campaignDailyStats.campaignId, campaignId)))
    .returning();
  return row;
}

/**
 * Drops what earlier imports stored for these campaign-days (hand-entered and API rows stay), so a
 * re-imported export replaces its figures instead of adding to them. Returns the rows dropped.
 */
export async function deleteEarlierImportedDays(
  ex: Executor,
  days: { campaignId: string; day: string }[],
  importId: string,
): Promise<number> {
  if (days.length === 0) return 0;
  const rows = await queryRows<{ id: string }>(
    ex,
    sql`DELETE FROM campaign_daily_stats s
        USING jsonb_to_recordset(${JSON.stringify(days.map((d) => ({ campaign_id: d.campaignId, day: d.day })))}::jsonb) AS d(campaign_id uuid, day date)
        WHERE s.campaign_id = d.campaign_id AND s.day = d.day
          AND s.source = 'import' AND s.import_id IS DISTINCT FROM ${importId}::uuid
        RETURNING s.id`,
  );
  return rows.length;
}

/** Campaigns a CSV row may name: by name, by id, or by a utm_campaign tracking value. */
export async function listCampaignRefs(ex: Executor): Promise<{
  campaigns: { id: string; name: string; currency: string }[];
  utmCampaigns: { value: string; campaignId: string }[];
}> {
  const [campaignRows, utmRows] = await Promise.all([
    ex.select({ id: campaigns.id, name: campaigns.name, currency: campaigns.currency }).from(campaigns),
    ex
      .select({ value: trackingIdentifiers.value, campaignId: trackingIdentifiers.campaignId })
      .from(trackingIdentifiers)
      .where(
        and(eq(trackingIdentifiers.kind, 'utm_campaign'), sql`${trackingIdentifiers.campaignId} IS NOT NULL`),
      ),
  ]);
  return {
    campaigns: campaignRows,
    utmCampaigns: utmRows.map((r) => ({ value: r.value, campaignId: r.campaignId as string })),
  };
}

export async function insertCostImport(
  ex: Executor,
  row: typeof costImports.$inferInsert,
): Promise<CostImportRow> {
  const [created] = await ex.insert(costImports).values(row).returning();
  if (!created) throw new Error('cost import insert returned nothing');
  return created;
}

export async function findCostImportById(ex: Executor, id: string): Promise<CostImportRow | undefined> {
  const [row] = await ex.select().from(costImports).where(eq(costImports.id, id));
  return row;
}

/** Adds one chunk's progress: counts grow, problems are appended. */
export async function recordCostImportProgress(
  ex: Executor,
  id: string,
  progress: { processed: number; imported: number; problems: ImportProblem[] },
): Promise<void> {
  await ex
    .update(costImports)
    .set({
      processedRows: sql`${costImports.processedRows} + ${progress.processed}`,
      importedRows: sql`${costImports.importedRows} + ${progress.imported}`,
      problems: sql`${costImports.problems} || ${JSON.stringify(progress.problems)}::jsonb`,
    })
    .where(eq(costImports.id, id));
}

export async function finishCostImport(
  ex: Executor,
  id: string,
  end: { status: 'done' | 'failed'; at: Date; problems?: ImportProblem[] },
): Promise<void> {
  await ex
    .update(costImports)
    .set({
      status: end.status,
      finishedAt: end.at,
      ...(end.problems?.length
        ? { problems: sql`${costImports.problems} || ${JSON.stringify(end.problems)}::jsonb` }
        : {}),
    })
    .where(eq(costImports.id, id));
}

/** Changes one stats row of a campaign; without changes, reads it. undefined when there is none. */
export async function updateDailyStat(
  ex: Executor,
  key: { id: string; campaignId: string },
  changes: Partial<NewDailyStatRow>,
): Promise<DailyStatRow | undefined> {
  const where = and(eq(campaignDailyStats.id, key.id), eq(campaignDailyStats.campaignId, key.campaignId));
  const [row] =
    Object.keys(changes).length > 0
      ? await ex.update(campaignDailyStats).set(changes).where(where).returning()
      : await ex.select().from(campaignDailyStats).where(where);
  return row;
}

/**
 * Marks running imports failed, with `reason` added to their problems: all but those running in
 * this process, or only those created before `olderThan`. Returns the ids marked.
 */
export async function failStaleCostImports(
  ex: Executor,
  options: { now: Date; runningHere: string[]; olderThan?: Date | undefined; reason: string },
): Promise<string[]> {
  const rows = await ex
    .update(costImports)
    .set({
      status: 'failed',
      finishedAt: options.now,
      problems: sql`${costImports.problems} || ${JSON.stringify([{ line: 1, reason: options.reason }])}::jsonb`,
    })
    .where(
      and(
        eq(costImports.status, 'running'),
        options.runningHere.length > 0 ? notInArray(costImports.id, options.runningHere) : undefined,
        options.olderThan ? lt(costImports.createdAt, options.olderThan) : undefined,
      ),
    )
    .returning({ id: costImports.id });
  return rows.map((r) => r.id);
}

/** The latest imports, newest first, of one campaign or all. */
export async function listRecentCostImports(
  ex: Executor,
  query: { campaignId?: string | undefined; limit: number },
): Promise<CostImportRow[]> {
  return ex
    .select()
    .from(costImports)
    .where(query.campaignId ? eq(costImports.campaignId, query.campaignId) : undefined)
    .orderBy(desc(costImports.createdAt), desc(costImports.id))
    .limit(query.limit);
}
