import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf, post } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { isoOfLocalInput, useFormat } from '../format.ts';
import { useSession } from '../session.tsx';

/** Refuse a lead: a reason from the settings (required), an optional revisit date and farewell email. */
export function RefuseDialog({
  leadId,
  onClose,
  onDone,
}: {
  leadId: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { statuses } = useSession();
  const reasons = statuses?.reasons.refused ?? [];
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [revisit, setRevisit] = useState('');
  const [farewell, setFarewell] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const revisitAt = isoOfLocalInput(revisit);
    try {
      await post(`/api/leads/${leadId}/refuse`, {
        reason,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(revisitAt ? { revisitAt } : {}),
        ...(farewell ? { farewell: { send: true } } : {}),
      });
      onDone();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('refuse.title')} onClose={onClose} testId="refuse-dialog">
      <form className="stack" onSubmit={submit}>
        <label>
          {t('refuse.reason')}
          <select name="reason" value={reason} onChange={(event) => setReason(event.target.value)} required>
            <option value="">—</option>
            {reasons.map((r) => (
              <option key={r.key} value={r.key}>
                {format.label(r.labels, r.key)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('refuse.note')}
          <textarea
            value={note}
            onChange={(event) => setNote(event.target.value)}
            rows={2}
            maxLength={2000}
          />
        </label>
        <label>
          {t('refuse.revisitAt')}
          <input type="datetime-local" value={revisit} onChange={(event) => setRevisit(event.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={farewell} onChange={(event) => setFarewell(event.target.checked)} />
          {t('refuse.farewell')}
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy} data-testid="refuse-submit">
            {t('refuse.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
