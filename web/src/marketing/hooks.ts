import { withQuery } from '../api.ts';
import { useApi } from '../hooks.ts';
import type { Campaign, Channel, CostImport, DailyStatsList, EconomicsReport } from './types.ts';

/** Every channel with its tracking identifiers. */
export const useChannels = () => useApi<{ items: Channel[] }>('/api/channels');

/** Campaigns, of one channel when given. */
export const useCampaigns = (channelId?: string) =>
  useApi<{ items: Campaign[] }>(withQuery('/api/campaigns', { channelId }));

export const useCampaign = (id: string | null) => useApi<Campaign>(id ? `/api/campaigns/${id}` : null);

/** A campaign's daily rows and day sums in a period. */
export const useCampaignStats = (id: string, range: { from?: string; to?: string }) =>
  useApi<DailyStatsList>(withQuery(`/api/campaigns/${id}/stats`, range));

/** The latest cost imports (newest first). */
export const useCostImports = () => useApi<{ items: CostImport[] }>('/api/cost-imports?limit=10');

export type EconomicsQuery = { from: string; to: string; channelId?: string; tz: string; locale: string };

export const economicsPath = (query: EconomicsQuery, format?: 'csv') =>
  withQuery('/api/reports/campaigns', { ...query, format });

export const useEconomics = (query: EconomicsQuery) => useApi<EconomicsReport>(economicsPath(query));
