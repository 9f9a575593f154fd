import { useTranslation } from 'react-i18next';
import type { Channel } from '../api.ts';
import { useApi } from '../hooks.ts';
import type { Granularity } from './types.ts';
import type { DashboardFilters as Filters } from './useDashboardFilters.ts';

/** Period, grouping and channel: every section below reads them. */
export function DashboardFilters({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const channels = useApi<{ items: Channel[] }>('/api/channels');
  const { period, by, channelId, set } = filters;
  return (
    <form
      className="filters"
      aria-label={t('insights.filters')}
      data-testid="dashboard-filters"
      onSubmit={(event) => event.preventDefault()}
    >
      <label>
        {t('insights.from')}
        <input
          type="date"
          name="from"
          value={period.from}
          max={period.to}
          onChange={(event) => event.target.value && set({ from: event.target.value })}
        />
      </label>
      <label>
        {t('insights.to')}
        <input
          type="date"
          name="to"
          value={period.to}
          min={period.from}
          onChange={(event) => event.target.value && set({ to: event.target.value })}
        />
      </label>
      <label>
        {t('insights.channelFilter')}
        <select
          name="channel"
          value={channelId}
          onChange={(event) => set({ channelId: event.target.value })}
          data-testid="channel-filter"
        >
          <option value="">{t('insights.allChannels')}</option>
          {channels.data?.items.map((channel) => (
            <option key={channel.id} value={channel.id}>
              {channel.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('insights.by')}
        <select name="by" value={by} onChange={(event) => set({ by: event.target.value as Granularity })}>
          <option value="day">{t('insights.day')}</option>
          <option value="week">{t('insights.week')}</option>
          <option value="month">{t('insights.month')}</option>
        </select>
      </label>
      {channels.error && <p className="error">{channels.error}</p>}
    </form>
  );
}
