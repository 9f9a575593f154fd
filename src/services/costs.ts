import { canManageMarketing, type Principal } from '../domain/permissions.ts';
import { forbidden, notFound } from '../http/problem.ts';
import type { DailyStat, DailyStatInput, DailyStatPatch } from '../schemas/costs.ts';
import {
  type DailyStatRow,
  type DayRange,
  dailyTotals,
  deleteDailyStat,
  insertDailyStats,
  listDailyStats,
  updateDailyStat,
} from '../store/costs.ts';
import type { Executor } from '../store/db.ts';
import { type CampaignRow, findCampaignById } from '../store/sources.ts';

// Daily traffic and spend of a campaign, entered by hand or sent through the API. A row may be a
// correction (negative spend); a missing spend is "not stated" and the reports derive it from the
// campaign's pricing model.

export function assertCanManageMarketing(principal: Principal): void {
  if (!canManageMarketing(principal)) {
    throw forbidden('Only marketers, sales heads and admins enter campaign costs.');
  }
}

async function campaignOrNotFound(ex: Executor, campaignId: string): Promise<CampaignRow> {
  const campaign = await findCampaignById(ex, campaignId);
  if (!campaign) throw notFound(`Campaign ${campaignId}`);
  return campaign;
}

export function toDailyStatDto(row: DailyStatRow): DailyStat {
  return {
    id: row.id,
    campaignId: row.campaignId,
    day: row.day,
    impressions: Number(row.impressions),
    clicks: Number(row.clicks),
    actions: row.actions,
    spend: row.spend,
    currency: row.currency,
    note: row.note,
    source: row.source as DailyStat['source'],
    importId: row.importId,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function addDailyStats(
  ex: Executor,
  input: { principal: Principal; campaignId: string; rows: DailyStatInput[]; at: Date },
): Promise<DailyStat[]> {
  assertCanManageMarketing(input.principal);
  return ex.transaction(async (tx) => {
    const campaign = await campaignOrNotFound(tx, input.campaignId);
    // A person typing figures in the app vs. a script with a token.
    const source = input.principal.kind === 'user' ? 'manual' : 'api';
    const rows = await insertDailyStats(
      tx,
      input.rows.map((row) => ({
        campaignId: campaign.id,
        day: row.day,
        impressions: row.impressions ?? 0,
        clicks: row.clicks ?? 0,
        actions: row.actions ?? 0,
        spend: row.spend ?? null,
        currency: row.currency ?? campaign.currency,
        note: row.note ?? null,
        source,
        createdAt: input.at,
      })),
    );
    return rows.map(toDailyStatDto);
  });
}

/** The rows of a period and their sums per day (spend per currency), summed in the database. */
export async function listCampaignStats(ex: Executor, range: DayRange) {
  await campaignOrNotFound(ex, range.campaignId);
  const [rows, totals] = await Promise.all([listDailyStats(ex, range), dailyTotals(ex, range)]);
  const byDay = new Map<
    string,
    {
      day: string;
      impressions: number;
      clicks: number;
      actions: number;
      spend: { currency: string; amount: string }[];
      rowsWithoutSpend: number;
    }
  >();
  for (const t of totals) {
    const day = byDay.get(t.day) ?? {
      day: t.day,
      impressions: 0,
      clicks: 0,
      actions: 0,
      spend: [],
      rowsWithoutSpend: 0,
    };
    day.impressions += t.impressions;
    day.clicks += t.clicks;
    day.actions += t.actions;
    day.rowsWithoutSpend += t.rowsWithoutSpend;
    if (t.spend !== null) day.spend.push({ currency: t.currency, amount: t.spend });
    byDay.set(t.day, day);
  }
  return { items: rows.map(toDailyStatDto), totals: [...byDay.values()] };
}

export async function removeDailyStat(
  ex: Executor,
  input: { principal: Principal; campaignId: string; rowId: string },
): Promise<void> {
  assertCanManageMarketing(input.principal);
  const removed = await deleteDailyStat(ex, input.campaignId, input.rowId);
  if (!removed) throw notFound(`Stats row ${input.rowId} of campaign ${input.campaignId}`);
}

/**
 * Changes one row in place (a typo in a hand-entered day). An imported row stays an imported row:
 * importing the same days again replaces it, as it replaces the rest of that import.
 */
export async function changeDailyStat(
  ex: Executor,
  input: { principal: Principal; campaignId: string; rowId: string; patch: DailyStatPatch },
): Promise<DailyStat> {
  assertCanManageMarketing(input.principal);
  const { patch } = input;
  const changes = Object.fromEntries(
    Object.entries({
      day: patch.day,
      impressions: patch.impressions,
      clicks: patch.clicks,
      actions: patch.actions,
      spend: patch.spend,
      currency: patch.currency,
      note: patch.note,
    }).filter(([, value]) => value !== undefined),
  );
  const row = await updateDailyStat(ex, { id: input.rowId, campaignId: input.campaignId }, changes);
  if (!row) throw notFound(`Stats row ${input.rowId} of campaign ${input.campaignId}`);
  return toDailyStatDto(row);
}
