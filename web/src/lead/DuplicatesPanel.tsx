import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { messageOf, post } from '../api.ts';
import { useFormat } from '../format.ts';
import { useApi } from '../hooks.ts';
import { MergeDialog } from './MergeDialog.tsx';
import type { LeadNames } from './names.ts';
import type { DuplicateQueue, DuplicateReview, MergeableLead } from './types.ts';
import './lead.css';

/** The name of a matcher rule of the breakdown (DEFAULT_MATCHER_CONFIG); a custom rule by its own name. */
function reasonField(t: TFunction, key: string): string {
  switch (key) {
    case 'email':
      return t('duplicates.reason.email');
    case 'phone':
      return t('duplicates.reason.phone');
    case 'name.first':
      return t('duplicates.reason.name_first');
    case 'name.last':
      return t('duplicates.reason.name_last');
    case 'name.middle':
      return t('duplicates.reason.name_middle');
    case 'company':
      return t('duplicates.reason.company');
    case 'postcode':
      return t('duplicates.reason.postcode');
    case 'street':
      return t('duplicates.reason.street');
    case 'house':
      return t('duplicates.reason.house');
    case 'city':
      return t('duplicates.reason.city');
    default:
      return key;
  }
}

function reasonText(t: TFunction, key: string, points: number): string {
  if (key === 'name.swapped') return t('duplicates.reason.name_swapped');
  const field = reasonField(t, key);
  if (points > 0) return t('duplicates.agrees', { field });
  if (points < 0) return t('duplicates.differs', { field });
  return t('duplicates.neutral', { field });
}

/** The other side of a pair, seen from this lead. */
function otherOf(review: DuplicateReview, leadId: string) {
  if (review.lead.id !== leadId) {
    const { id, fullName, emails, phones, company } = review.lead;
    return { type: 'lead' as const, id, fullName, emails, phones, company };
  }
  return review.candidate;
}

/**
 * The review-queue pairs that involve this lead, with the match score and its reasons. Heads and
 * admins (the API says who) merge a pair side by side or mark it as two people; others only read.
 */
export function DuplicatesPanel({
  lead,
  names,
  onMerged,
}: {
  lead: MergeableLead;
  names: LeadNames;
  onMerged: (survivorId: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queue = useApi<DuplicateQueue>(`/api/duplicates?leadId=${lead.id}`);
  const [merging, setMerging] = useState<DuplicateReview | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function dismiss(review: DuplicateReview) {
    setBusy(true);
    setMessage(null);
    try {
      await post(`/api/duplicates/${review.id}/dismiss`);
      setConfirming(null);
      setMessage({ error: false, text: t('duplicates.dismissed') });
      queue.reload();
    } catch (failure) {
      setMessage({ error: true, text: messageOf(failure) });
    } finally {
      setBusy(false);
    }
  }

  const items = queue.data?.items ?? [];
  // Nothing to review and nothing to say: the card keeps its space for what matters.
  if (!queue.error && !message && items.length === 0) return null;
  const canResolve = queue.data?.canResolve ?? false;

  return (
    <section className="card duplicates" aria-labelledby="duplicates-title" data-testid="duplicates-panel">
      <h2 id="duplicates-title">{t('duplicates.title')}</h2>
      {queue.error && (
        <p className="error" role="alert">
          {queue.error}
        </p>
      )}
      {message && (
        <p className={message.error ? 'error' : 'notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {items.length > 0 && (
        <p className="muted">{canResolve ? t('duplicates.hint') : t('duplicates.readOnly')}</p>
      )}
      <ul className="plain">
        {items.map((review) => {
          const other = otherOf(review, lead.id);
          const reasons = Object.entries(review.breakdown).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
          return (
            <li key={review.id} className="duplicate-pair" data-testid="duplicate-pair">
              <div className="duplicate-head">
                <strong className="wrap">
                  {other.type === 'lead' ? (
                    <Link to={`/leads/${other.id}`}>{other.fullName || t('leads.noName')}</Link>
                  ) : (
                    other.fullName
                  )}
                </strong>
                <span className="tag">
                  {other.type === 'lead' ? t('duplicates.otherLead') : t('duplicates.otherContact')}
                </span>
                <span className="tag" data-testid="duplicate-score">
                  {t('duplicates.score', { score: format.number(Math.round(review.score * 10) / 10) })}
                </span>
              </div>
              <div className="muted wrap">
                {[...other.phones, ...other.emails, ...(other.company ? [other.company] : [])].join(' · ')}
              </div>
              <ul className="reasons" aria-label={t('duplicates.reasons')} data-testid="duplicate-reasons">
                {reasons.map(([key, points]) => (
                  <li key={key} className={points > 0 ? 'agrees' : points < 0 ? 'differs' : ''}>
                    {reasonText(t, key, points)}{' '}
                    <span className="muted">
                      ({points > 0 ? '+' : ''}
                      {format.number(Math.round(points * 10) / 10)})
                    </span>
                  </li>
                ))}
              </ul>
              {other.type === 'contact' && <p className="muted">{t('duplicates.contactNote')}</p>}
              {canResolve && confirming !== review.id && (
                <div className="row">
                  {other.type === 'lead' && (
                    <button
                      type="button"
                      className="primary"
                      data-testid="duplicate-merge"
                      onClick={() => setMerging(review)}
                    >
                      {t('duplicates.merge')}
                    </button>
                  )}
                  <button
                    type="button"
                    data-testid="duplicate-dismiss"
                    onClick={() => setConfirming(review.id)}
                  >
                    {t('duplicates.dismiss')}
                  </button>
                </div>
              )}
              {canResolve && confirming === review.id && (
                <ConfirmDismiss
                  name={other.fullName || t('leads.noName')}
                  busy={busy}
                  onConfirm={() => void dismiss(review)}
                  onCancel={() => setConfirming(null)}
                />
              )}
            </li>
          );
        })}
      </ul>
      {merging && (
        <MergeDialog
          lead={lead}
          otherId={otherOf(merging, lead.id).id}
          names={names}
          onClose={() => setMerging(null)}
          onMerged={(survivorId) => {
            setMerging(null);
            queue.reload();
            onMerged(survivorId);
          }}
        />
      )}
    </section>
  );
}

/** "Not a duplicate" asks once more, with the focus on its answer so the keyboard follows. */
function ConfirmDismiss({
  name,
  busy,
  onConfirm,
  onCancel,
}: {
  name: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div className="confirm">
      <p>{t('duplicates.confirmDismiss', { name })}</p>
      <div className="row">
        <button
          ref={confirm}
          type="button"
          className="primary"
          disabled={busy}
          data-testid="duplicate-dismiss-confirm"
          onClick={onConfirm}
        >
          {t('duplicates.confirmDismissYes')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
