import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type LeadScore, messageOf, post } from '../api.ts';
import { ReasonField } from '../components/ReasonField.tsx';
import { useFormat } from '../format.ts';
import { useApi, useReasonLabel, useStatusLabel } from '../hooks.ts';
import { ConvertDialog } from '../lead/ConvertDialog.tsx';
import { DuplicatesPanel } from '../lead/DuplicatesPanel.tsx';
import { useLeadNames } from '../lead/names.ts';
import { QualificationForm } from '../lead/QualificationForm.tsx';
import { RefuseDialog } from '../lead/RefuseDialog.tsx';
import { TaskPanel } from '../lead/TaskPanel.tsx';
import { Timeline } from '../lead/Timeline.tsx';
import { lifecycleLabel } from '../lead/timelineText.ts';
import type { MergeableLead } from '../lead/types.ts';
import { ConfirmDialog } from '../marketing/ConfirmDialog.tsx';
import { useRole, useSession } from '../session.tsx';

/** Statuses set through their own dialogs, not the plain status change. */
const DIALOG_STATUSES = new Set(['refused', 'converted']);

export function LeadPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const statusLabel = useStatusLabel();
  const reasonLabel = useReasonLabel();
  const { statuses } = useSession();
  const navigate = useNavigate();
  const { isRep, userId, role } = useRole();
  const lead = useApi<MergeableLead>(`/api/leads/${id}`);
  const score = useApi<LeadScore>(`/api/leads/${id}/score`);
  const names = useLeadNames();
  const [dialog, setDialog] = useState<'convert' | 'refuse' | 'erase' | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [newStatus, setNewStatus] = useState('');
  const [statusReason, setStatusReason] = useState('');

  if (lead.error && !lead.data)
    return (
      <p className="error" role="alert">
        {lead.error}
      </p>
    );
  if (!lead.data)
    return (
      <p className="muted" role="status">
        {t('common.loading')}
      </p>
    );
  const data = lead.data;
  const channelName = data.channelId ? names.channel(data.channelId) : undefined;
  const campaignName = data.campaignId ? names.campaign(data.campaignId) : undefined;
  const ownerName = data.ownerId ? names.user(data.ownerId) : undefined;
  const chosenStatus = statuses?.statuses.find((s) => s.key === newStatus);
  const statusReasons = statuses?.reasons[newStatus] ?? [];
  const closed = data.status === 'converted' || data.status === 'refused';

  async function act(work: () => Promise<unknown>, done: string) {
    setMessage(null);
    try {
      await work();
      setMessage({ error: false, text: done });
      lead.reload();
      score.reload();
    } catch (failure) {
      setMessage({ error: true, text: messageOf(failure) });
    }
  }

  return (
    <article className="lead-card" aria-labelledby="lead-name" data-testid="lead-card">
      <p>
        <Link to="/leads">← {t('lead.back')}</Link>
      </p>
      <header className="lead-head">
        <h1 id="lead-name" className="wrap" data-testid="lead-name">
          {data.fullName || t('leads.noName')}
        </h1>
        <div className="tags">
          <span className="tag" data-testid="lead-status">
            {statusLabel(data.status, i18n.language)}
            {data.statusReason ? ` · ${reasonLabel(data.status, data.statusReason, i18n.language)}` : ''}
          </span>
          {data.temperature && (
            <span className={`tag tag-${data.temperature}`}>{t(`temperature.${data.temperature}`)}</span>
          )}
          <span className="tag">{lifecycleLabel(t, data.lifecycleStage)}</span>
          {data.spam && <span className="tag tag-spam">{t('leads.spamTag')}</span>}
        </div>
        <p className="muted">
          {data.ownerId
            ? t('lead.owner', {
                name: ownerName ?? (data.ownerId === userId ? t('lead.you') : t('leads.assigned')),
              })
            : t('lead.inPool')}
        </p>
      </header>

      {data.mergedIntoId && (
        <p className="warning" role="status" data-testid="lead-merged-into">
          {t('lead.mergedInto')} <Link to={`/leads/${data.mergedIntoId}`}>{t('lead.openSurvivor')}</Link>
        </p>
      )}

      {message && (
        <p
          className={message.error ? 'error' : 'notice'}
          role={message.error ? 'alert' : 'status'}
          data-testid="lead-message"
        >
          {message.text}
        </p>
      )}

      <div className="actions">
        {isRep && !data.ownerId && (
          <button
            type="button"
            className="primary"
            data-testid="claim-button"
            onClick={() => void act(() => post(`/api/leads/${id}/claim`), t('lead.claimed'))}
          >
            {t('lead.claim')}
          </button>
        )}
        {!closed && (
          <button type="button" data-testid="convert-button" onClick={() => setDialog('convert')}>
            {t('lead.convert')}
          </button>
        )}
        {!closed && (
          <button type="button" data-testid="refuse-button" onClick={() => setDialog('refuse')}>
            {t('lead.refuse')}
          </button>
        )}
        {data.status === 'refused' && (
          <button
            type="button"
            data-testid="reopen-button"
            onClick={() => void act(() => post(`/api/leads/${id}/reopen`, {}), t('lead.reopened'))}
          >
            {t('lead.reopen')}
          </button>
        )}
      </div>

      {!closed && (
        <form
          className="inline-form"
          data-testid="status-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!newStatus) return;
            void act(
              () =>
                post(
                  `/api/leads/${id}/status`,
                  statusReason ? { status: newStatus, reason: statusReason } : { status: newStatus },
                ),
              t('lead.statusChanged'),
            ).then(() => {
              setNewStatus('');
              setStatusReason('');
            });
          }}
        >
          <label>
            {t('lead.changeStatus')}
            <select value={newStatus} onChange={(event) => setNewStatus(event.target.value)} required>
              <option value="">—</option>
              {statuses?.statuses
                .filter((s) => !DIALOG_STATUSES.has(s.key) && s.key !== data.status)
                .map((s) => (
                  <option key={s.key} value={s.key}>
                    {format.label(s.labels, s.key)}
                  </option>
                ))}
            </select>
          </label>
          {chosenStatus?.requiresReason && (
            <ReasonField
              reasons={statusReasons.map((r) => ({ key: r.key, label: format.label(r.labels, r.key) }))}
              value={statusReason}
              onChange={setStatusReason}
            />
          )}
          <button type="submit" disabled={!newStatus}>
            {t('lead.apply')}
          </button>
        </form>
      )}

      {/* Shown only while pairs wait for review: a possible duplicate matters before anything else. */}
      {!data.mergedIntoId && (
        <DuplicatesPanel
          key={`duplicates-${data.id}`}
          lead={data}
          names={names}
          onMerged={(survivorId) => {
            setMessage({ error: false, text: t('merge.merged') });
            if (survivorId === data.id) {
              lead.reload();
              score.reload();
            } else navigate(`/leads/${survivorId}`);
          }}
        />
      )}

      <div className="card-grid">
        <section className="card" aria-labelledby="contacts-title">
          <h2 id="contacts-title">{t('lead.contacts')}</h2>
          <ul className="plain">
            {data.phones.map((phone) => (
              <li key={phone}>
                <a href={`tel:${phone}`} data-testid="lead-phone">
                  {phone}
                </a>
              </li>
            ))}
            {data.emails.map((email) => (
              <li key={email} className="wrap">
                <a href={`mailto:${email}`} data-testid="lead-email">
                  {email}
                </a>
              </li>
            ))}
            {data.phones.length === 0 && data.emails.length === 0 && (
              <li className="muted">{t('lead.noContacts')}</li>
            )}
          </ul>
          <dl>
            {data.company && (
              <>
                <dt>{t('lead.company')}</dt>
                <dd className="wrap">{data.company}</dd>
              </>
            )}
            {data.position && (
              <>
                <dt>{t('lead.position')}</dt>
                <dd className="wrap">{data.position}</dd>
              </>
            )}
            {data.interest && (
              <>
                <dt>{t('lead.interest')}</dt>
                <dd className="wrap pre-wrap">{data.interest}</dd>
              </>
            )}
            <dt>{t('lead.created')}</dt>
            <dd>{format.dateTime(data.createdAt)}</dd>
          </dl>
        </section>

        <section className="card" aria-labelledby="source-title" data-testid="lead-source">
          <h2 id="source-title">{t('lead.source')}</h2>
          <dl>
            <dt>{t('lead.channel')}</dt>
            <dd className="wrap">{channelName ?? '—'}</dd>
            <dt>{t('lead.campaign')}</dt>
            <dd className="wrap">{campaignName ?? '—'}</dd>
            {Object.entries(data.attribution).map(([key, value]) => (
              <AttributionEntry key={key} name={key} value={value} />
            ))}
          </dl>
          <h3>{t('lead.consent')}</h3>
          {data.consent ? (
            <dl data-testid="lead-consent">
              <dt>{t('lead.consentGiven')}</dt>
              <dd>{data.consent.given ? t('common.yes') : t('common.no')}</dd>
              {data.consent.at && (
                <>
                  <dt>{t('lead.consentAt')}</dt>
                  <dd>{format.dateTime(data.consent.at)}</dd>
                </>
              )}
              {data.consent.text && (
                <>
                  <dt>{t('lead.consentText')}</dt>
                  <dd className="wrap">{data.consent.text}</dd>
                </>
              )}
              {data.consent.version && (
                <>
                  <dt>{t('lead.consentVersion')}</dt>
                  <dd className="wrap">{data.consent.version}</dd>
                </>
              )}
            </dl>
          ) : (
            <p className="muted">{t('lead.noConsent')}</p>
          )}
        </section>

        <section className="card" aria-labelledby="score-title" data-testid="lead-score">
          <h2 id="score-title">
            {t('lead.score')}:{' '}
            <span data-testid="lead-score-value">{format.number(score.data?.score ?? data.score)}</span>
          </h2>
          {score.error && <p className="error">{score.error}</p>}
          {score.data && score.data.breakdown.length > 0 ? (
            <table className="compact">
              <thead>
                <tr>
                  <th scope="col">{t('lead.rule')}</th>
                  <th scope="col">{t('lead.points')}</th>
                </tr>
              </thead>
              <tbody>
                {score.data.breakdown.map((entry) => (
                  <tr key={`${entry.ruleId}-${entry.detail}`}>
                    <td className="wrap">
                      {entry.name}
                      <span className="muted"> · {t(`scoreKind.${entry.kind}`)}</span>
                      {entry.detail && <div className="muted">{entry.detail}</div>}
                    </td>
                    <td>{format.number(entry.points)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">{t('lead.noScore')}</p>
          )}
        </section>

        <QualificationForm
          key={data.id}
          lead={data}
          onSaved={() => {
            lead.reload();
            score.reload();
          }}
        />
      </div>

      <TaskPanel key={id} leadId={id} onChange={lead.reload} />

      <Timeline events={data.timeline} inquiries={data.inquiries} names={names} />

      {role === 'admin' && (
        <section className="card" aria-labelledby="lead-privacy-title" data-testid="lead-privacy">
          <h2 id="lead-privacy-title">{t('lead.privacyTitle')}</h2>
          <p className="muted wrap">{t('lead.privacyHint')}</p>
          <button
            type="button"
            className="danger"
            data-testid="erase-button"
            onClick={() => setDialog('erase')}
          >
            {t('lead.erase')}
          </button>
        </section>
      )}

      {dialog === 'convert' && (
        <ConvertDialog
          lead={data}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            setMessage({ error: false, text: t('lead.converted') });
            lead.reload();
          }}
        />
      )}
      {dialog === 'erase' && (
        <ConfirmDialog
          title={t('lead.eraseTitle')}
          text={t('lead.eraseText')}
          confirmLabel={t('lead.erase')}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            // The person is named by the card: every card holding its emails or phones goes too.
            await post('/api/privacy/erasures', {
              leadIds: [data.id],
              emails: data.emails,
              phones: data.phones,
            });
            setDialog(null);
            setMessage({ error: false, text: t('lead.erased') });
            lead.reload();
          }}
        />
      )}
      {dialog === 'refuse' && (
        <RefuseDialog
          leadId={data.id}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            setMessage({ error: false, text: t('lead.refused') });
            lead.reload();
          }}
        />
      )}
    </article>
  );
}

function AttributionEntry({ name, value }: { name: string; value: unknown }) {
  const text =
    value && typeof value === 'object'
      ? Object.entries(value as Record<string, unknown>)
          .map(([k, v]) => `${k}: ${String(v)}`)
          .join(', ')
      : String(value ?? '');
  return (
    <>
      <dt>{name}</dt>
      <dd className="wrap" data-testid={`attribution-${name}`}>
        {text}
      </dd>
    </>
  );
}
