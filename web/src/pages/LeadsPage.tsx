import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type Channel, get, type Lead, messageOf, type Page, post, type User, withQuery } from '../api.ts';
import { ReasonField } from '../components/ReasonField.tsx';
import { useFormat } from '../format.ts';
import { useApi, useStatusLabel } from '../hooks.ts';
import { useRole, useSession } from '../session.tsx';

const PAGE_SIZE = 50;
/** Statuses with their own endpoints and dialogs; a bulk change leaves them out. */
const OWN_ENDPOINT_STATUSES = new Set(['refused', 'converted']);

type Filters = { status: string; spam: string; channelId: string; q: string; ownerId: string };

function filtersOf(params: URLSearchParams): Filters {
  return {
    status: params.get('status') ?? '',
    spam: params.get('spam') ?? '',
    channelId: params.get('channelId') ?? '',
    q: params.get('q') ?? '',
    ownerId: params.get('ownerId') ?? '',
  };
}

export function LeadsPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const statusLabel = useStatusLabel();
  const { statuses } = useSession();
  const { isHead, userId } = useRole();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const [search, setSearch] = useState(filters.q);
  const [leads, setLeads] = useState<Lead[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkMessage, setBulkMessage] = useState<string | null>(null);
  const channels = useApi<{ items: Channel[] }>('/api/channels');
  const users = useApi<{ items: User[] }>(isHead ? '/api/users?active=true' : null);
  const channelName = (id: string | null) => channels.data?.items.find((c) => c.id === id)?.name ?? '';
  const userName = (id: string | null) =>
    users.data?.items.find((u) => u.id === id)?.name ?? (id === userId ? t('lead.you') : '');

  const query = {
    status: filters.status,
    channelId: filters.channelId,
    q: filters.q,
    spam: filters.spam,
    // GET /api/leads ignores ownerId until it filters by owner; a rep's scope is already own + pool.
    ownerId: filters.ownerId,
    limit: PAGE_SIZE,
  };
  const queryKey = JSON.stringify(query);

  const load = useCallback(async (queryText: string, cursor: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await get<Page<Lead>>('/api/leads', { ...JSON.parse(queryText), cursor });
      setLeads((before) => (cursor ? [...before, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    setSelected(new Set());
    void load(queryKey, null);
  }, [queryKey, load]);

  function setFilter(name: keyof Filters, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  }

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    setFilter('q', search.trim());
  }

  function toggle(id: string) {
    setSelected((before) => {
      const next = new Set(before);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  async function forEachSelected(call: (id: string) => Promise<unknown>) {
    const ids = [...selected];
    let failed = 0;
    let lastError = '';
    for (const id of ids) {
      try {
        await call(id);
      } catch (failure) {
        failed += 1;
        lastError = messageOf(failure);
      }
    }
    setBulkMessage(
      failed
        ? t('leads.bulkPartly', { done: ids.length - failed, failed, error: lastError })
        : t('leads.bulkDone', { count: ids.length }),
    );
    await load(queryKey, null);
    setSelected(new Set());
  }

  const exportHref = withQuery('/api/segments/leads', {
    format: 'csv',
    status: filters.status,
    channelId: filters.channelId,
    includeSpam: filters.spam === 'true' ? 'true' : undefined,
  });
  const bulkStatuses = statuses?.statuses.filter((s) => !OWN_ENDPOINT_STATUSES.has(s.key)) ?? [];
  const allSelected = leads.length > 0 && leads.every((lead) => selected.has(lead.id));

  return (
    <section aria-labelledby="leads-title">
      <h1 id="leads-title">{t('leads.title')}</h1>

      <fieldset className="quick-views">
        <legend className="visually-hidden">{t('leads.views')}</legend>
        <button type="button" onClick={() => setParams(new URLSearchParams())} data-testid="view-all">
          {t('leads.viewAll')}
        </button>
        <button
          type="button"
          onClick={() =>
            setParams(
              new URLSearchParams({ status: 'new', spam: 'false', ...(userId ? { ownerId: userId } : {}) }),
            )
          }
          data-testid="view-my-new"
        >
          {t('leads.viewMyNew')}
        </button>
        <button type="button" onClick={() => navigate('/tasks?view=overdue')} data-testid="view-overdue">
          {t('leads.viewOverdue')}
        </button>
        <button
          type="button"
          onClick={() => setParams(new URLSearchParams({ spam: 'true' }))}
          data-testid="view-spam"
        >
          {t('leads.viewSpam')}
        </button>
      </fieldset>

      <div className="filters">
        <form onSubmit={submitSearch} className="search-form">
          <label>
            {t('leads.search')}
            <input
              type="search"
              name="q"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder={t('leads.searchPlaceholder')}
            />
          </label>
          <button type="submit">{t('leads.searchSubmit')}</button>
        </form>
        <label>
          {t('leads.status')}
          <select value={filters.status} onChange={(event) => setFilter('status', event.target.value)}>
            <option value="">{t('leads.any')}</option>
            {statuses?.statuses.map((status) => (
              <option key={status.key} value={status.key}>
                {format.label(status.labels, status.key)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('leads.spam')}
          <select value={filters.spam} onChange={(event) => setFilter('spam', event.target.value)}>
            <option value="">{t('leads.any')}</option>
            <option value="false">{t('leads.notSpam')}</option>
            <option value="true">{t('leads.onlySpam')}</option>
          </select>
        </label>
        <label>
          {t('leads.channel')}
          <select value={filters.channelId} onChange={(event) => setFilter('channelId', event.target.value)}>
            <option value="">{t('leads.any')}</option>
            {channels.data?.items.map((channel) => (
              <option key={channel.id} value={channel.id}>
                {channel.name}
              </option>
            ))}
          </select>
        </label>
        <a className="button" href={exportHref} download data-testid="export-csv">
          {t('leads.export')}
        </a>
      </div>

      {selected.size > 0 && (
        <BulkBar
          count={selected.size}
          users={isHead ? (users.data?.items ?? []) : null}
          statuses={bulkStatuses.map((s) => ({
            key: s.key,
            label: format.label(s.labels, s.key),
            requiresReason: Boolean(s.requiresReason),
            reasons: (statuses?.reasons[s.key] ?? []).map((r) => ({
              key: r.key,
              label: format.label(r.labels, r.key),
            })),
          }))}
          onAssign={(ownerId) =>
            forEachSelected((id) => post(`/api/leads/${id}/assign`, { ownerId: ownerId || null }))
          }
          onStatus={(status, reason) =>
            forEachSelected((id) => post(`/api/leads/${id}/status`, reason ? { status, reason } : { status }))
          }
        />
      )}
      {bulkMessage && (
        <p className="notice" role="status" data-testid="bulk-result">
          {bulkMessage}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      <div className="table-wrap">
        <table className="leads-table">
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label={t('leads.selectAll')}
                  checked={allSelected}
                  onChange={() =>
                    setSelected(allSelected ? new Set() : new Set(leads.map((lead) => lead.id)))
                  }
                />
              </th>
              <th scope="col">{t('leads.name')}</th>
              <th scope="col">{t('leads.status')}</th>
              <th scope="col" className="hide-narrow">
                {t('leads.channel')}
              </th>
              <th scope="col" className="hide-narrow">
                {t('leads.owner')}
              </th>
              <th scope="col">{t('leads.score')}</th>
              <th scope="col" className="hide-narrow">
                {t('leads.created')}
              </th>
            </tr>
          </thead>
          <tbody>
            {leads.map((lead) => (
              <tr key={lead.id} data-testid="lead-row" data-lead-id={lead.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('leads.select', { name: lead.fullName || t('leads.noName') })}
                    checked={selected.has(lead.id)}
                    onChange={() => toggle(lead.id)}
                  />
                </td>
                <td className="wrap">
                  <Link to={`/leads/${lead.id}`}>{lead.fullName || t('leads.noName')}</Link>
                  {lead.company && <div className="muted">{lead.company}</div>}
                  {lead.spam && <span className="tag tag-spam">{t('leads.spamTag')}</span>}
                </td>
                <td>{statusLabel(lead.status, i18n.language)}</td>
                <td className="hide-narrow wrap">{channelName(lead.channelId)}</td>
                <td className="hide-narrow wrap">
                  {lead.ownerId ? userName(lead.ownerId) || t('leads.assigned') : t('leads.pool')}
                </td>
                <td>{format.number(lead.score)}</td>
                <td className="hide-narrow">{format.dateTime(lead.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && leads.length === 0 && !error && <p className="muted">{t('leads.empty')}</p>}
      {loading && (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      )}
      {nextCursor && !loading && (
        <button type="button" onClick={() => void load(queryKey, nextCursor)} data-testid="load-more">
          {t('leads.loadMore')}
        </button>
      )}
    </section>
  );
}

function BulkBar({
  count,
  users,
  statuses,
  onAssign,
  onStatus,
}: {
  count: number;
  users: User[] | null;
  statuses: {
    key: string;
    label: string;
    requiresReason: boolean;
    reasons: { key: string; label: string }[];
  }[];
  onAssign: (ownerId: string) => Promise<void>;
  onStatus: (status: string, reason: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [ownerId, setOwnerId] = useState('');
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const chosen = statuses.find((s) => s.key === status);
  const needsReason = chosen?.requiresReason ?? false;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="bulk-bar" aria-label={t('leads.bulk')} data-testid="bulk-bar">
      <strong>{t('leads.selected', { count })}</strong>
      {users && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => onAssign(ownerId));
          }}
        >
          <label>
            {t('leads.assignTo')}
            <select value={ownerId} onChange={(event) => setOwnerId(event.target.value)}>
              <option value="">{t('leads.toPool')}</option>
              {users.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy} data-testid="bulk-assign">
            {t('leads.assign')}
          </button>
        </form>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (status) void run(() => onStatus(status, reason));
        }}
      >
        <label>
          {t('leads.setStatus')}
          <select value={status} onChange={(event) => setStatus(event.target.value)} required>
            <option value="">—</option>
            {statuses.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        {needsReason && <ReasonField reasons={chosen?.reasons ?? []} value={reason} onChange={setReason} />}
        <button type="submit" disabled={busy || !status} data-testid="bulk-status">
          {t('leads.apply')}
        </button>
      </form>
    </section>
  );
}
