import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useRole } from '../session.tsx';
import { CampaignDetail } from './CampaignDetail.tsx';
import { CampaignList } from './CampaignList.tsx';
import { CostImportPanel } from './CostImportPanel.tsx';
import { EconomicsTable } from './EconomicsTable.tsx';
import { useCampaigns, useChannels } from './hooks.ts';
import './marketing.css';

const TABS = ['list', 'economics', 'import'] as const;
type Tab = (typeof TABS)[number];

/**
 * Campaigns: the list (?channelId=), one campaign with its daily costs (?id=), the economics
 * report (?tab=economics) and the cost CSV import (?tab=import&campaignId=).
 */
export function CampaignsPage() {
  const { t } = useTranslation();
  const { role } = useRole();
  const canManage = role === 'admin' || role === 'head' || role === 'marketer';
  const [params, setParams] = useSearchParams();
  const channels = useChannels();
  const campaigns = useCampaigns();
  const openId = params.get('id');
  const requested = params.get('tab');
  const tab: Tab = TABS.find((v) => v === requested) ?? 'list';

  if (openId) {
    return (
      <CampaignDetail
        key={openId}
        id={openId}
        channels={channels.data?.items ?? []}
        canManage={canManage}
        onChanged={campaigns.reload}
      />
    );
  }

  return (
    <section aria-labelledby="campaigns-title" data-testid="campaigns-page">
      <h1 id="campaigns-title">{t('marketing.campaigns.title')}</h1>
      <div className="tabs" role="tablist" aria-label={t('marketing.campaigns.sections')}>
        {TABS.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            id={`campaigns-tab-${v}`}
            aria-selected={v === tab}
            aria-controls="campaigns-panel"
            className={v === tab ? 'active' : ''}
            data-testid={`campaigns-tab-${v}`}
            onClick={() => setParams(v === 'list' ? new URLSearchParams() : new URLSearchParams({ tab: v }))}
          >
            {t(`marketing.campaigns.tabs.${v}`)}
          </button>
        ))}
      </div>
      <div id="campaigns-panel" role="tabpanel" aria-labelledby={`campaigns-tab-${tab}`}>
        {campaigns.error && (
          <p className="error" role="alert">
            {campaigns.error}
          </p>
        )}
        {tab === 'list' && (
          <CampaignList
            campaigns={campaigns}
            channels={channels.data?.items ?? []}
            channelsLoaded={Boolean(channels.data)}
            canManage={canManage}
          />
        )}
        {tab === 'economics' && <EconomicsTable channels={channels.data?.items ?? []} />}
        {tab === 'import' &&
          (canManage ? (
            <CostImportPanel
              campaigns={campaigns.data?.items ?? []}
              initialCampaignId={params.get('campaignId') ?? undefined}
            />
          ) : (
            <p className="muted">{t('marketing.import.notAllowed')}</p>
          ))}
      </div>
    </section>
  );
}
