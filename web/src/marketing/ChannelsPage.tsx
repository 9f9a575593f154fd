import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { messageOf, patch } from '../api.ts';
import { useRole } from '../session.tsx';
import { ChannelForm } from './ChannelForm.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { useCampaigns, useChannels } from './hooks.ts';
import { TrackingTags } from './TrackingEditor.tsx';
import type { Channel } from './types.ts';
import './marketing.css';

/** Channels (the ways leads come) with the identifiers that tag their leads. */
export function ChannelsPage() {
  const { t } = useTranslation();
  const { role } = useRole();
  const canManage = role === 'admin' || role === 'head' || role === 'marketer';
  const channels = useChannels();
  const campaigns = useCampaigns();
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const [archiving, setArchiving] = useState<Channel | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [search, setSearch] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const needle = search.trim().toLowerCase();
  const all = channels.data?.items ?? [];
  const shown = all.filter(
    (c) =>
      (showArchived || c.active) &&
      (!needle ||
        c.name.toLowerCase().includes(needle) ||
        c.code.includes(needle) ||
        c.tracking.some((tr) => tr.value.toLowerCase().includes(needle))),
  );
  const campaignCount = (channelId: string) =>
    campaigns.data?.items.filter((c) => c.channelId === channelId).length ?? 0;

  async function setActive(channel: Channel, active: boolean) {
    setError(null);
    await patch<Channel>(`/api/channels/${channel.id}`, { active });
    setNotice(
      active
        ? t('marketing.channels.restored', { name: channel.name })
        : t('marketing.channels.archived', { name: channel.name }),
    );
    channels.reload();
  }

  return (
    <section aria-labelledby="channels-title" data-testid="channels-page">
      <div className="page-head">
        <h1 id="channels-title">{t('marketing.channels.title')}</h1>
        {canManage && (
          <button
            type="button"
            className="primary"
            onClick={() => setEditing('new')}
            data-testid="channel-new"
          >
            {t('marketing.channels.new')}
          </button>
        )}
      </div>
      <p className="muted">{t('marketing.channels.intro')}</p>

      <div className="filters">
        <label>
          {t('marketing.search')}
          <input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={t('marketing.channels.searchPlaceholder')}
          />
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
      {(channels.error || error) && (
        <p className="error" role="alert">
          {channels.error ?? error}
        </p>
      )}
      {channels.loading && !channels.data && (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      )}
      {channels.data && all.length === 0 && (
        <p className="empty" data-testid="channels-empty">
          {t('marketing.channels.empty')}
        </p>
      )}
      {channels.data && all.length > 0 && shown.length === 0 && (
        <p className="muted">{t('marketing.nothingFound')}</p>
      )}

      {shown.length > 0 && (
        <div className="table-wrap">
          <table className="marketing-table">
            <thead>
              <tr>
                <th scope="col">{t('marketing.channels.name')}</th>
                <th scope="col">{t('marketing.channels.origin')}</th>
                <th scope="col">{t('marketing.tracking.title')}</th>
                <th scope="col">{t('marketing.channels.campaigns')}</th>
                {canManage && <th scope="col">{t('marketing.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((channel) => (
                <tr key={channel.id} data-testid="channel-row" className={channel.active ? '' : 'archived'}>
                  <td>
                    <strong>{channel.name}</strong>
                    <div className="muted">
                      <code>{channel.code}</code>
                    </div>
                    {!channel.active && <span className="tag">{t('marketing.archivedTag')}</span>}
                  </td>
                  <td>{channel.origin ? t(`marketing.channels.origins.${channel.origin}`) : '—'}</td>
                  <td>
                    <TrackingTags tracking={channel.tracking} />
                  </td>
                  <td>
                    <Link to={`/campaigns?channelId=${channel.id}`}>
                      {t('marketing.channels.campaignCount', { count: campaignCount(channel.id) })}
                    </Link>
                  </td>
                  {canManage && (
                    <td>
                      <div className="row-actions">
                        <button
                          type="button"
                          onClick={() => setEditing(channel)}
                          aria-label={t('marketing.editNamed', { name: channel.name })}
                        >
                          {t('marketing.edit')}
                        </button>
                        {channel.active ? (
                          <button
                            type="button"
                            onClick={() => setArchiving(channel)}
                            aria-label={t('marketing.archiveNamed', { name: channel.name })}
                          >
                            {t('marketing.archive')}
                          </button>
                        ) : (
                          <button
                            type="button"
                            onClick={() =>
                              setActive(channel, true).catch((failure: unknown) =>
                                setError(messageOf(failure)),
                              )
                            }
                            aria-label={t('marketing.restoreNamed', { name: channel.name })}
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
        <ChannelForm
          channel={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(t('marketing.channels.saved', { name: saved.name }));
            channels.reload();
          }}
        />
      )}
      {archiving && (
        <ConfirmDialog
          title={t('marketing.channels.archiveTitle')}
          text={t('marketing.channels.archiveText', { name: archiving.name })}
          confirmLabel={t('marketing.archive')}
          onConfirm={() => setActive(archiving, false)}
          onClose={() => setArchiving(null)}
        />
      )}
    </section>
  );
}
