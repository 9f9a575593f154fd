import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRole } from '../session.tsx';
import { put, useVisibility } from './data.ts';
import type { VisibilitySettings } from './types.ts';
import { Loading, Problem } from './ui.tsx';

/** Whether reps see every lead or only their own plus the unassigned pool (admins change it). */
export function VisibilityCard() {
  const { t } = useTranslation();
  const { role } = useRole();
  const isAdmin = role === 'admin';
  const visibility = useVisibility();
  const [repsSeeAll, setRepsSeeAll] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (visibility.data) setRepsSeeAll(visibility.data.repsSeeAllLeads);
  }, [visibility.data]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      visibility.setData(
        await put<VisibilitySettings>('/api/settings/visibility', { repsSeeAllLeads: repsSeeAll }),
      );
      setNotice(t('settings.visibility.saved'));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card stack"
      onSubmit={save}
      aria-labelledby="visibility-title"
      data-testid="visibility-form"
    >
      <h2 id="visibility-title">{t('settings.visibility.title')}</h2>
      {visibility.loading && !visibility.data && <Loading />}
      <Problem error={visibility.error} />
      {visibility.data && (
        <fieldset disabled={!isAdmin} className="bare stack">
          <legend className="visually-hidden">{t('settings.visibility.title')}</legend>
          {[false, true].map((value) => (
            <label key={String(value)} className="checkbox radio-option">
              <input
                type="radio"
                name="repsSeeAllLeads"
                checked={repsSeeAll === value}
                onChange={() => setRepsSeeAll(value)}
                data-testid={`visibility-${value ? 'all' : 'own'}`}
              />
              <span>
                {value ? t('settings.visibility.all') : t('settings.visibility.own')}
                <span className="muted block">
                  {value ? t('settings.visibility.allHint') : t('settings.visibility.ownHint')}
                </span>
              </span>
            </label>
          ))}
          {!isAdmin && <p className="muted">{t('settings.visibility.onlyAdmins')}</p>}
          <Problem error={error} forbidden={t('settings.visibility.onlyAdmins')} />
          {notice && (
            <p className="notice" role="status" data-testid="visibility-notice">
              {notice}
            </p>
          )}
          {isAdmin && (
            <div className="actions">
              <button type="submit" className="primary" disabled={busy} data-testid="visibility-save">
                {t('settings.common.save')}
              </button>
            </div>
          )}
        </fieldset>
      )}
    </form>
  );
}
