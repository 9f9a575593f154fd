import { stringify } from 'csv-stringify/sync';
import { funnelOf } from '../domain/funnel.ts';
import { affordableCpl, type Locale, ratio, romi } from '../domain/metrics.ts';
import {
  ECONOMICS_FIGURES,
  type EconomicsReport,
  type EconomicsReportRow,
  type FunnelReport,
  REP_FIGURES,
  type RepsReport,
} from '../schemas/report.ts';
import type { Executor } from '../store/db.ts';
import { type EconomicsGrouping, type EconomicsRow, economicsReport } from '../store/reports/economics.ts';
import { funnelCounts } from '../store/reports/funnel.ts';
import type { Granularity, ReportPeriod } from '../store/reports/period.ts';
import { repPerformance } from '../store/reports/reps.ts';
import { countFigure, durationFigure, moneyFigure, percentFigure } from './reportFormat.ts';

// Report use cases: the store sums in SQL, this file divides the sums into the ratios of
// PRODUCT.md §3 (null on a zero denominator) and formats every figure for the locale.

export type ReportSettings = { defaultCurrency: string; averageMargin: string | null };

/** The currency of a row: its only one, the default when nothing carries one, or null when mixed. */
function currencyOf(row: EconomicsRow, fallback: string): string | null {
  if (row.currencies.some((c) => c.count > 1)) return null;
  const seen = new Set(row.currencies.map((c) => c.one).filter((c): c is string => c !== null));
  if (seen.size > 1) return null;
  return [...seen][0] ?? fallback;
}

const numberOf = (decimal: string | null): number | null => (decimal === null ? null : Number(decimal));

/** One row of the economics report with every figure computed and formatted. */
export function economicsRowOf(
  grouping: EconomicsGrouping,
  row: EconomicsRow,
  options: { locale: Locale; settings: ReportSettings; by: Granularity | undefined },
): EconomicsReportRow {
  const { locale, settings } = options;
  const currency = currencyOf(row, settings.defaultCurrency);
  const spend = numberOf(row.spend);
  const revenue = numberOf(row.revenue);
  const leadToCustomer = ratio(row.customers, row.leads);
  const cpl = ratio(spend, row.leads);
  // Campaigns use their own average margin; every row falls back to the configured default.
  const margin = numberOf(row.averageMargin ?? settings.averageMargin);
  const affordable = affordableCpl(margin, leadToCustomer);
  const money = (value: number | null, decimal?: string | null) =>
    moneyFigure(value, currency, locale, decimal);
  const figures = {
    impressions: countFigure(row.impressions, locale),
    clicks: countFigure(row.clicks, locale),
    ctr: percentFigure(ratio(row.clicks, row.impressions), locale),
    inquiries: countFigure(row.inquiries, locale),
    leads: countFigure(row.leads, locale),
    validLeads: countFigure(row.validLeads, locale),
    targetLeads: countFigure(row.targetLeads, locale),
    cr: percentFigure(ratio(row.leads, row.clicks), locale),
    spend: money(spend, row.spend),
    cpl: money(cpl),
    mql: countFigure(row.mql, locale),
    mqlRate: percentFigure(ratio(row.mql, row.leads), locale),
    sql: countFigure(row.sql, locale),
    sqlRate: percentFigure(ratio(row.sql, row.leads), locale),
    customers: countFigure(row.customers, locale),
    leadToCustomer: percentFigure(leadToCustomer, locale),
    cac: money(ratio(spend, row.customers)),
    revenue: money(revenue, row.revenue),
    // A ratio of two sums of money: meaningless when they are in different currencies.
    romi: percentFigure(currency === null ? null : romi(revenue, spend), locale),
    leadTimeMedianHours: durationFigure(row.leadTimeMedianHours, 'hours', locale),
    leadTimeP90Hours: durationFigure(row.leadTimeP90Hours, 'hours', locale),
    firstResponseMedianMinutes: durationFigure(row.firstResponseMedianMinutes, 'minutes', locale),
    affordableCpl: money(affordable),
  };
  const cplValue = figures.cpl.value;
  const affordableValue = figures.affordableCpl.value;
  return {
    key: keyOf(grouping, row),
    ...(options.by ? { period: row.bucket } : {}),
    currency: currency ?? 'mixed',
    figures,
    cplAboveAffordable: cplValue === null || affordableValue === null ? null : cplValue > affordableValue,
  };
}

function keyOf(grouping: EconomicsGrouping, row: EconomicsRow): EconomicsReportRow['key'] {
  switch (grouping) {
    case 'campaign':
      return { campaignId: row.key, name: row.name, channelId: row.channelId };
    case 'channel':
      return { channelId: row.key, name: row.name };
    case 'form':
      return { formId: row.key, name: row.name };
    case 'owner':
      return { ownerId: row.key, name: row.name };
  }
}

export type EconomicsRequest = {
  period: ReportPeriod;
  by?: Granularity;
  channelId?: string;
  campaignId?: string;
  locale: Locale;
};

export async function economicsReportOf(
  ex: Executor,
  grouping: EconomicsGrouping,
  request: EconomicsRequest,
  settings: ReportSettings,
): Promise<EconomicsReport> {
  const rows = await economicsReport(ex, grouping, {
    period: request.period,
    ...(request.by ? { by: request.by } : {}),
    ...(request.channelId ? { channelId: request.channelId } : {}),
    ...(request.campaignId ? { campaignId: request.campaignId } : {}),
  });
  return {
    from: request.period.from,
    to: request.period.to,
    tz: request.period.timeZone,
    by: request.by ?? null,
    items: rows.map((row) =>
      economicsRowOf(grouping, row, { locale: request.locale, settings, by: request.by }),
    ),
  };
}

/** Names typed by people must not run as spreadsheet formulas when the CSV is opened. */
const inertCell = (value: string | null | undefined) =>
  value && /^[=+\-@\t\r]/.test(value) ? `'${value}` : (value ?? '');

/** The report as CSV: the key columns, the period with `by`, the currency, then one number per figure. */
const KEY_COLUMNS: Record<EconomicsGrouping, string[]> = {
  campaign: ['campaignId', 'channelId'],
  channel: ['channelId'],
  form: ['formId'],
  owner: ['ownerId'],
};

export function economicsCsv(grouping: EconomicsGrouping, report: EconomicsReport): string {
  const keyColumns = KEY_COLUMNS[grouping];
  const columns = [
    ...keyColumns,
    'name',
    ...(report.by ? ['period'] : []),
    'currency',
    ...ECONOMICS_FIGURES,
    'spendDecimal',
    'revenueDecimal',
    'cplAboveAffordable',
  ];
  const records = report.items.map((item) => {
    const key = item.key as Record<string, string | null | undefined>;
    return [
      ...keyColumns.map((column) => key[column] ?? ''),
      inertCell(item.key.name),
      ...(report.by ? [item.period ?? ''] : []),
      item.currency,
      ...ECONOMICS_FIGURES.map((name) => item.figures[name].value ?? ''),
      item.figures.spend.decimal ?? '',
      item.figures.revenue.decimal ?? '',
      item.cplAboveAffordable ?? '',
    ];
  });
  return stringify([columns, ...records]);
}

export type FunnelRequest = {
  period: ReportPeriod;
  channelId?: string;
  campaignId?: string;
  ownerId?: string;
  locale: Locale;
};

/**
 * Stages in order: clicks (only when stats exist and no owner is asked for) → inquiries → leads →
 * contacted → MQL → SQL → converted → customers.
 */
export async function funnelReportOf(ex: Executor, request: FunnelRequest): Promise<FunnelReport> {
  const counts = await funnelCounts(ex, {
    period: request.period,
    ...(request.channelId ? { channelId: request.channelId } : {}),
    ...(request.campaignId ? { campaignId: request.campaignId } : {}),
    ...(request.ownerId ? { ownerId: request.ownerId } : {}),
  });
  const { clicks, ...rest } = counts;
  const funnel = funnelOf([
    ...(clicks === null ? [] : [{ stage: 'clicks', count: clicks }]),
    ...Object.entries(rest).map(([stage, count]) => ({ stage, count })),
  ]);
  const { locale } = request;
  return {
    from: request.period.from,
    to: request.period.to,
    tz: request.period.timeZone,
    stages: funnel.stages.map((stage) => ({
      stage: stage.stage,
      count: stage.count,
      text: countFigure(stage.count, locale).text,
      dropOff: stage.dropOff
        ? { count: stage.dropOff.count, rate: percentFigure(stage.dropOff.rate, locale) }
        : null,
    })),
    bottleneck: funnel.bottleneck
      ? { ...funnel.bottleneck, rate: percentFigure(funnel.bottleneck.rate, locale) }
      : null,
  };
}

export async function repsReportOf(
  ex: Executor,
  request: { period: ReportPeriod; locale: Locale; now: Date; onlyUserId?: string },
): Promise<RepsReport> {
  const rows = await repPerformance(ex, {
    period: request.period,
    now: request.now,
    ...(request.onlyUserId ? { userId: request.onlyUserId } : {}),
  });
  const { locale } = request;
  return {
    from: request.period.from,
    to: request.period.to,
    tz: request.period.timeZone,
    items: rows.map((row) => ({
      key: { ownerId: row.userId, name: row.name, role: row.role },
      figures: {
        received: countFigure(row.received, locale),
        worked: countFigure(row.worked, locale),
        firstResponseMedianMinutes: durationFigure(row.firstResponseMedianMinutes, 'minutes', locale),
        overdueTasks: countFigure(row.overdueTasks, locale),
        converted: countFigure(row.converted, locale),
        conversionRate: percentFigure(ratio(row.converted, row.received), locale),
        leadTimeMedianHours: durationFigure(row.leadTimeMedianHours, 'hours', locale),
      },
    })),
  };
}

export function repsCsv(report: RepsReport): string {
  const columns = ['ownerId', 'name', 'role', ...REP_FIGURES];
  const records = report.items.map((item) => [
    item.key.ownerId,
    inertCell(item.key.name),
    item.key.role,
    ...REP_FIGURES.map((name) => item.figures[name].value ?? ''),
  ]);
  return stringify([columns, ...records]);
}
