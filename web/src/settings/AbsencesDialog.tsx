import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { remove, useAbsences } from './data.ts';
import { absenceInstants, useDays } from './dates.ts';
import type { SettingsUser } from './types.ts';
import { ConfirmButton, FieldError, type FieldErrors, fieldErrorsOf, Loading, Problem } from './ui.tsx';

/** A user's absences (leave, sick days): while one lasts the user gets no new leads. */
export function AbsencesDialog({ user, onClose }: { user: SettingsUser; onClose: () => void }) {
  const { t } = useTranslation();
  const days = useDays();
  const absences = useAbsences(user.id);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function add(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await post(`/api/users/${user.id}/absences`, {
        ...absenceInstants(from, to || from),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setFrom('');
      setTo('');
      setReason('');
      absences.reload();
    } catch (failure) {
      setError(failure);
      setFields(fieldErrorsOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const items = absences.data?.items ?? [];
  return (
    <Dialog
      title={t('settings.absences.title', { name: user.name })}
      onClose={onClose}
      testId="absences-dialog"
    >
      <div className="stack">
        <p className="muted">{t('settings.absences.hint')}</p>
        {absences.loading && !absences.data && <Loading />}
        <Problem error={absences.error} />
        {absences.data && items.length === 0 && <p className="muted">{t('settings.absences.none')}</p>}
        {items.length > 0 && (
          <ul className="plain">
            {items.map((absence) => (
              <li key={absence.id} className="absence" data-testid="absence-row">
                <span className="wrap">
                  <strong>{days.absence(absence.startsAt, absence.endsAt)}</strong>
                  {absence.reason && <span className="muted"> · {absence.reason}</span>}
                </span>
                <ConfirmButton
                  label={t('settings.common.remove')}
                  question={t('settings.absences.removeQuestion')}
                  confirmLabel={t('settings.common.remove')}
                  testId="absence-remove"
                  onConfirm={async () => {
                    try {
                      await remove(`/api/users/${user.id}/absences/${absence.id}`);
                    } catch (failure) {
                      setError(failure);
                    }
                    absences.reload();
                  }}
                />
              </li>
            ))}
          </ul>
        )}
        <form className="stack" onSubmit={add}>
          <h3>{t('settings.absences.add')}</h3>
          <div className="form-grid">
            <label>
              {t('settings.absences.from')}
              <input
                type="date"
                name="from"
                value={from}
                onChange={(event) => setFrom(event.target.value)}
                required
              />
              <FieldError errors={fields} name="startsAt" />
            </label>
            <label>
              {t('settings.absences.to')}
              <input
                type="date"
                name="to"
                value={to}
                min={from || undefined}
                onChange={(event) => setTo(event.target.value)}
                aria-describedby="absence-to-hint"
              />
              <span className="muted" id="absence-to-hint">
                {t('settings.absences.toHint')}
              </span>
              <FieldError errors={fields} name="endsAt" />
            </label>
          </div>
          <label>
            {t('settings.absences.reason')}
            <input
              name="reason"
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              maxLength={500}
              placeholder={t('settings.absences.reasonPlaceholder')}
            />
          </label>
          <Problem error={error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy} data-testid="absence-add">
              {t('settings.absences.addSubmit')}
            </button>
            <button type="button" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
        </form>
      </div>
    </Dialog>
  );
}
