import { useTranslation } from 'react-i18next';
import { CampaignEconomics } from '../insights/CampaignEconomics.tsx';
import { DashboardFilters } from '../insights/DashboardFilters.tsx';
import { FirstResponseSection } from '../insights/FirstResponseSection.tsx';
import { FunnelSection } from '../insights/FunnelSection.tsx';
import { LeadsByChannel } from '../insights/LeadsByChannel.tsx';
import { LeadTimeSection } from '../insights/LeadTimeSection.tsx';
import { RepLeaderboard } from '../insights/RepLeaderboard.tsx';
import { useDashboardFilters } from '../insights/useDashboardFilters.ts';
import '../insights/insights.css';

/** The dashboard: every section reads the same period and channel; each chart has its table. */
export default function Dashboard() {
  const { t } = useTranslation();
  const filters = useDashboardFilters();
  const { period, by, channelId } = filters;
  return (
    <section aria-labelledby="dashboard-title" data-testid="dashboard" className="dashboard">
      <h1 id="dashboard-title">{t('insights.title')}</h1>
      <DashboardFilters filters={filters} />
      <LeadsByChannel period={period} by={by} channelId={channelId} />
      <CampaignEconomics period={period} channelId={channelId} />
      <FunnelSection period={period} channelId={channelId} />
      <div className="card-grid">
        <LeadTimeSection period={period} channelId={channelId} />
        <FirstResponseSection period={period} channelId={channelId} />
      </div>
      <RepLeaderboard period={period} channelId={channelId} />
    </section>
  );
}
