import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { messageOf, patch } from '../api.ts';
import { useFormat } from '../format.ts';
import { CampaignForm } from './CampaignForm.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { campaignDates } from './dates.ts';
import type { useCampaigns } from './hooks.ts';
import { usePricingText } from './pricing.ts';
import { TrackingTags } from './TrackingEditor.tsx';
import type { Campaign, Channel } from './types.ts';

/** Campaigns by channel and search, with their pricing, dates and tracking identifiers. */
export function CampaignList({
  campaigns,
  channels,
  channelsLoaded,
  canManage,
}: {
  campaigns: ReturnType<typeof useCampaigns>;
  channels: Channel[];
  channelsLoaded: boolean;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const pricingText = usePricingText();
  const [params, setParams] = useSearchParams();
  const channelId = params.get('channelId') ?? '';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null);
  const [archiving, setArchiving] = useState<Campaign | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const all = campaigns.data?.items ?? [];
  const needle = search.trim().toLowerCase();
  const shown = all.filter(
    (c) =>
      (!channelId || c.channelId === channelId) &&
      (showArchived || c.active) &&
      (!needle ||
        c.name.toLowerCase().includes(needle) ||
        c.tracking.some((tr) => tr.value.toLowerCase().includes(needle))),
  );
  const channelName = (id: string) => channels.find((c) => c.id === id)?.name ?? '';
  // A new campaign takes the currency most campaigns use (empty: the server's default).
  const defaultCurrency = all[0]?.currency ?? '';

  function setFilter(name: 'channelId' | 'q', value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  async function setActive(campaign: Campaign, active: boolean) {
    setError(null);
    await patch(`/api/campaigns/${campaign.id}`, { active });
    setNotice(
      active
        ? t('marketing.campaigns.restored', { name: campaign.name })
        : t('marketing.campaigns.archived', { name: campaign.name }),
    );
    campaigns.reload();
  }

  return (
    <>
      <div className="page-head">
        <p className="muted">{t('marketing.campaigns.intro')}</p>
        {canManage && (
          <button
            type="button"
            className="primary"
            disabled={!channelsLoaded}
            onClick={() => setEditing('new')}
            data-testid="campaign-new"
          >
            {t('marketing.campaigns.new')}
          </button>
        )}
      </div>
      <div className="filters">
        <form
          className="search-form"
          onSubmit={(event) => {
            event.preventDefault();
            setFilter('q', search.trim());
          }}
        >
          <label>
            {t('marketing.search')}
            <input
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder={t('marketing.campaigns.searchPlaceholder')}
              data-testid="campaign-search"
            />
          </label>
        </form>
        <label>
          {t('marketing.campaigns.channel')}
          <select
            value={channelId}
            onChange={(event) => setFilter('channelId', event.target.value)}
            data-testid="campaign-channel-filter"
          >
            <option value="">{t('marketing.allChannels')}</option>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={showArchived}
            onChange={(event) => setShowArchived(event.target.checked)}
          />
          {t('marketing.showArchived')}
        </label>
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {campaigns.loading && !campaigns.data && (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      )}
      {campaigns.data && all.length === 0 && (
        <p className="empty" data-testid="campaigns-empty">
          {channels.length === 0 && channelsLoaded ? (
            <>
              {t('marketing.campaigns.emptyNoChannels')}{' '}
              <Link to="/channels">{t('marketing.channels.title')}</Link>
            </>
          ) : (
            t('marketing.campaigns.empty')
          )}
        </p>
      )}
      {campaigns.data && all.length > 0 && shown.length === 0 && (
        <p className="muted">{t('marketing.nothingFound')}</p>
      )}
      {shown.length > 0 && (
        <div className="table-wrap">
          <table className="marketing-table">
            <thead>
              <tr>
                <th scope="col">{t('marketing.campaigns.name')}</th>
                <th scope="col">{t('marketing.campaigns.channel')}</th>
                <th scope="col">{t('marketing.campaigns.pricing')}</th>
                <th scope="col" className="hide-narrow">
                  {t('marketing.campaigns.dates')}
                </th>
                <th scope="col">{t('marketing.tracking.title')}</th>
                {canManage && <th scope="col">{t('marketing.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((campaign) => (
                <tr
                  key={campaign.id}
                  data-testid="campaign-row"
                  className={campaign.active ? '' : 'archived'}
                >
                  <td className="wrap">
                    <Link to={`/campaigns?id=${campaign.id}`}>{campaign.name}</Link>
                    {!campaign.active && <span className="tag">{t('marketing.archivedTag')}</span>}
                  </td>
                  <td className="wrap">{channelName(campaign.channelId)}</td>
                  <td>{pricingText(campaign)}</td>
                  <td className="hide-narrow">{campaignDates(campaign, format.locale)}</td>
                  <td>
                    <TrackingTags tracking={campaign.tracking} />
                  </td>
                  {canManage && (
                    <td>
                      <div className="row-actions">
                        <button
                          type="button"
                          onClick={() => setEditing(campaign)}
                          aria-label={t('marketing.editNamed', { name: campaign.name })}
                        >
                          {t('marketing.edit')}
                        </button>
                        {campaign.active ? (
                          <button
                            type="button"
                            onClick={() => setArchiving(campaign)}
                            aria-label={t('marketing.archiveNamed', { name: campaign.name })}
                          >
                            {t('marketing.archive')}
                          </button>
                        ) : (
                          <button
                            type="button"
                            onClick={() =>
                              setActive(campaign, true).catch((failure: unknown) =>
                                setError(messageOf(failure)),
                              )
                            }
                            aria-label={t('marketing.restoreNamed', { name: campaign.name })}
                          >
                            {t('marketing.restore')}
                          </button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {editing && (
        <CampaignForm
          campaign={editing === 'new' ? null : editing}
          channels={channels}
          defaultChannelId={channelId || undefined}
          defaultCurrency={defaultCurrency}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(t('marketing.campaigns.saved', { name: saved.name }));
            campaigns.reload();
          }}
        />
      )}
      {archiving && (
        <ConfirmDialog
          title={t('marketing.campaigns.archiveTitle')}
          text={t('marketing.campaigns.archiveText', { name: archiving.name })}
          confirmLabel={t('marketing.archive')}
          onConfirm={() => setActive(archiving, false)}
          onClose={() => setArchiving(null)}
        />
      )}
    </>
  );
}
