import type { Campaign } from './types.ts';

// Calendar days (YYYY-MM-DD) in the browser's time zone, for period pickers and day inputs.

const pad = (n: number) => String(n).padStart(2, '0');

export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export const today = (): string => dayOf(new Date());

/** The day `days` before today (0: today). */
export function daysAgo(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() - days);
  return dayOf(date);
}

export const PERIOD_PRESETS = ['7', '30', '90', 'month', 'lastMonth', 'year'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** First and last day of a preset period ending today (or last month). */
export function presetRange(preset: PeriodPreset): { from: string; to: string } {
  const now = new Date();
  switch (preset) {
    case 'month':
      return { from: dayOf(new Date(now.getFullYear(), now.getMonth(), 1)), to: today() };
    case 'lastMonth':
      return {
        from: dayOf(new Date(now.getFullYear(), now.getMonth() - 1, 1)),
        to: dayOf(new Date(now.getFullYear(), now.getMonth(), 0)),
      };
    case 'year':
      return { from: dayOf(new Date(now.getFullYear(), 0, 1)), to: today() };
    default:
      return { from: daysAgo(Number(preset) - 1), to: today() };
  }
}

/** A day string shown in the UI language, read as a calendar day (no time zone shift). */
export function formatDay(day: string, locale: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(
    new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1),
  );
}

/** "1 Mar 2026 – 31 Mar 2026", an open end as "…"; a dash without dates. */
export function campaignDates(campaign: Pick<Campaign, 'startsOn' | 'endsOn'>, locale: string): string {
  if (!campaign.startsOn && !campaign.endsOn) return '—';
  const from = campaign.startsOn ? formatDay(campaign.startsOn, locale) : '…';
  const to = campaign.endsOn ? formatDay(campaign.endsOn, locale) : '…';
  return `${from} – ${to}`;
}
