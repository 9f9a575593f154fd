import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Granularity, ReportPeriod } from './types.ts';

const DAY_MS = 86_400_000;
const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];

/** A date as YYYY-MM-DD in the browser's time zone (the reports read dates in that zone). */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const dayOrNull = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);

export type DashboardFilters = {
  period: ReportPeriod;
  by: Granularity;
  /** '' for every channel. */
  channelId: string;
  set: (patch: Partial<{ from: string; to: string; by: Granularity; channelId: string }>) => void;
};

/**
 * The dashboard's filters, kept in the address (?from=…&to=…&by=…&channel=…) so that a filtered
 * dashboard can be bookmarked and shared; by default the last 30 days by week, every channel.
 */
export function useDashboardFilters(): DashboardFilters {
  const { i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const today = new Date();
  const to = dayOrNull(params.get('to')) ?? localDay(today);
  const from = dayOrNull(params.get('from')) ?? localDay(new Date(today.getTime() - 29 * DAY_MS));
  const by = GRANULARITIES.find((g) => g === params.get('by')) ?? 'week';
  const channelId = params.get('channel') ?? '';
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const set = useCallback<DashboardFilters['set']>(
    (patch) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          const names = { from: 'from', to: 'to', by: 'by', channelId: 'channel' } as const;
          for (const [key, value] of Object.entries(patch) as [keyof typeof names, string][]) {
            if (value) next.set(names[key], value);
            else next.delete(names[key]);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  return {
    period: { from: from <= to ? from : to, to, tz, locale: i18n.language === 'ru' ? 'ru' : 'en' },
    by,
    channelId,
    set,
  };
}
