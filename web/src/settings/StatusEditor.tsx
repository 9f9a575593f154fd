import { useTranslation } from 'react-i18next';
import { newReason, type ReasonRow, type StatusRow } from './statusRows.ts';
import { KEY_PATTERN } from './types.ts';
import { FieldError, type FieldErrors } from './ui.tsx';

/** One status: key, labels in both languages, flags, its place, and the reasons it offers. */
export function StatusEditor({
  row,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  row: StatusRow;
  index: number;
  count: number;
  errors: FieldErrors;
  onChange: (row: StatusRow) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const ru = i18n.language === 'ru';
  const set = (change: Partial<StatusRow>) => onChange({ ...row, ...change });
  const name = (ru ? row.ru : row.en) || row.key || t('settings.statuses.newStatus');
  const prefix = `statuses.${index}`;
  const reasonPrefix = `reasons.${row.key.trim()}`;
  const setReason = (id: number, change: Partial<ReasonRow>) =>
    set({ reasons: row.reasons.map((r) => (r.id === id ? { ...r, ...change } : r)) });

  return (
    <li className="card status-card" data-testid="status-card" data-status={row.key}>
      <div className="status-top">
        <span className="status-position" aria-hidden="true">
          {index + 1}
        </span>
        <div className="form-grid status-fields">
          <label>
            {t('settings.statuses.key')}
            <input
              value={row.key}
              onChange={(event) => set({ key: event.target.value })}
              readOnly={row.system}
              required
              pattern={KEY_PATTERN}
              maxLength={40}
              spellCheck={false}
              aria-describedby={row.system ? undefined : `status-key-hint-${row.id}`}
              data-testid="status-key"
            />
            {!row.system && (
              <span className="muted" id={`status-key-hint-${row.id}`}>
                {t('settings.statuses.keyHint')}
              </span>
            )}
            <FieldError errors={errors} name={`${prefix}.key`} />
          </label>
          <label>
            {t('settings.statuses.labelEn')}
            <input
              value={row.en}
              lang="en"
              onChange={(event) => set({ en: event.target.value })}
              required
              maxLength={100}
              data-testid="status-label-en"
            />
            <FieldError errors={errors} name={`${prefix}.labels.en`} />
          </label>
          <label>
            {t('settings.statuses.labelRu')}
            <input
              value={row.ru}
              lang="ru"
              onChange={(event) => set({ ru: event.target.value })}
              required
              maxLength={100}
              data-testid="status-label-ru"
            />
            <FieldError errors={errors} name={`${prefix}.labels.ru`} />
          </label>
        </div>
      </div>
      <div className="status-flags">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={row.terminal}
            onChange={(event) => set({ terminal: event.target.checked })}
          />
          {t('settings.statuses.terminal')}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={row.requiresReason}
            onChange={(event) => set({ requiresReason: event.target.checked })}
            data-testid="status-requires-reason"
          />
          {t('settings.statuses.requiresReason')}
        </label>
        <span className="status-buttons">
          <button
            type="button"
            className="small"
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={t('settings.statuses.moveUp', { name })}
          >
            ↑
          </button>
          <button
            type="button"
            className="small"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={t('settings.statuses.moveDown', { name })}
          >
            ↓
          </button>
          {row.system ? (
            <span className="muted">{t('settings.statuses.system')}</span>
          ) : (
            <button
              type="button"
              className="small"
              onClick={onRemove}
              aria-label={t('settings.statuses.removeNamed', { name })}
            >
              {t('settings.common.remove')}
            </button>
          )}
        </span>
      </div>

      {(row.requiresReason || row.reasons.length > 0) && (
        <fieldset className="reasons" data-testid="status-reasons">
          <legend>{t('settings.statuses.reasons', { name })}</legend>
          {row.reasons.length === 0 && <p className="muted">{t('settings.statuses.noReasons')}</p>}
          <FieldError errors={errors} name={reasonPrefix} />
          <ul className="plain">
            {row.reasons.map((reason, j) => {
              const reasonName =
                (ru ? reason.ru : reason.en) || reason.key || t('settings.statuses.newReason');
              return (
                <li key={reason.id} className="form-grid reason-row" data-testid="reason-row">
                  <label>
                    {t('settings.statuses.key')}
                    <input
                      value={reason.key}
                      onChange={(event) => setReason(reason.id, { key: event.target.value })}
                      required
                      pattern={KEY_PATTERN}
                      maxLength={40}
                      spellCheck={false}
                    />
                    <FieldError errors={errors} name={`${reasonPrefix}.${j}.key`} />
                  </label>
                  <label>
                    {t('settings.statuses.labelEn')}
                    <input
                      value={reason.en}
                      lang="en"
                      onChange={(event) => setReason(reason.id, { en: event.target.value })}
                      required
                      maxLength={100}
                    />
                    <FieldError errors={errors} name={`${reasonPrefix}.${j}.labels.en`} />
                  </label>
                  <label>
                    {t('settings.statuses.labelRu')}
                    <input
                      value={reason.ru}
                      lang="ru"
                      onChange={(event) => setReason(reason.id, { ru: event.target.value })}
                      required
                      maxLength={100}
                    />
                    <FieldError errors={errors} name={`${reasonPrefix}.${j}.labels.ru`} />
                  </label>
                  <button
                    type="button"
                    className="small reason-remove"
                    onClick={() => set({ reasons: row.reasons.filter((r) => r.id !== reason.id) })}
                    aria-label={t('settings.statuses.removeReason', { name: reasonName })}
                  >
                    {t('settings.common.remove')}
                  </button>
                </li>
              );
            })}
          </ul>
          <button
            type="button"
            className="small"
            onClick={() => set({ reasons: [...row.reasons, newReason()] })}
            data-testid="reason-add"
          >
            {t('settings.statuses.addReason')}
          </button>
        </fieldset>
      )}
    </li>
  );
}
