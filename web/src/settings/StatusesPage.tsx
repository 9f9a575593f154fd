import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusSettings } from '../api.ts';
import { useRole } from '../session.tsx';
import { put, useStatusSettings } from './data.ts';
import { StatusEditor } from './StatusEditor.tsx';
import { newStatus, rowsOf, type StatusRow, settingsOf } from './statusRows.ts';
import { type FieldErrors, fieldErrorsOf, Loading, Problem } from './ui.tsx';
import { useReloadStatuses } from './useReloadStatuses.ts';
import './settings.css';

/** The lead statuses (labels in both languages, order, flags) and the reasons a status offers. */
export function StatusesPage() {
  const { t } = useTranslation();
  const { isHead } = useRole();
  const settings = useStatusSettings();
  const reloadSession = useReloadStatuses();
  const [rows, setRows] = useState<StatusRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (settings.data) setRows(rowsOf(settings.data));
  }, [settings.data]);

  const change = (id: number, next: StatusRow) =>
    setRows((all) => all?.map((r) => (r.id === id ? next : r)) ?? null);
  const move = (index: number, delta: -1 | 1) =>
    setRows((all) => {
      if (!all) return all;
      const next = [...all];
      const [row] = next.splice(index, 1);
      if (row) next.splice(index + delta, 0, row);
      return next;
    });

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!rows) return;
    setBusy(true);
    setError(null);
    setFields({});
    setNotice(null);
    try {
      const saved = await put<StatusSettings>('/api/settings/statuses', settingsOf(rows));
      settings.setData(saved);
      await reloadSession();
      setNotice(t('settings.statuses.saved'));
    } catch (failure) {
      setError(failure);
      setFields(fieldErrorsOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="statuses-title" className="settings-section">
      <h1 id="statuses-title">{t('settings.statuses.title')}</h1>
      <p className="muted">{t('settings.statuses.intro')}</p>
      {!isHead && <p className="muted">{t('settings.statuses.readOnly')}</p>}
      {settings.loading && !settings.data && <Loading />}
      <Problem error={settings.error} />
      {rows && (
        <form onSubmit={save} data-testid="statuses-form">
          <fieldset disabled={!isHead} className="bare">
            <legend className="visually-hidden">{t('settings.statuses.title')}</legend>
            <ol className="plain status-list">
              {rows.map((row, index) => (
                <StatusEditor
                  key={row.id}
                  row={row}
                  index={index}
                  count={rows.length}
                  errors={fields}
                  onChange={(next) => change(row.id, next)}
                  onMove={(delta) => move(index, delta)}
                  onRemove={() => setRows(rows.filter((r) => r.id !== row.id))}
                />
              ))}
            </ol>
            <div className="actions">
              <button type="button" onClick={() => setRows([...rows, newStatus()])} data-testid="status-add">
                {t('settings.statuses.add')}
              </button>
            </div>
            <div className="sticky-actions">
              <Problem error={error} />
              {notice && (
                <p className="notice" role="status" data-testid="statuses-notice">
                  {notice}
                </p>
              )}
              <div className="actions">
                <button type="submit" className="primary" disabled={busy} data-testid="statuses-save">
                  {t('settings.common.save')}
                </button>
                <button
                  type="button"
                  onClick={() => {
                    if (settings.data) setRows(rowsOf(settings.data));
                    setError(null);
                    setFields({});
                    setNotice(null);
                  }}
                >
                  {t('settings.common.discard')}
                </button>
              </div>
            </div>
          </fieldset>
        </form>
      )}
    </section>
  );
}
