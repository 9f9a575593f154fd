import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Locale, patch, type Role } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { browserZone, TimeZoneField } from './TimeZoneField.tsx';
import {
  LOCALES,
  MIN_PASSWORD_LENGTH,
  ROLES,
  type SettingsUser,
  type UserPatch,
  type WorkSchedule,
} from './types.ts';
import { FieldError, type FieldErrors, fieldErrorsOf, HintedCheckbox, Problem } from './ui.tsx';
import {
  type EditableHours,
  editableHours,
  hoursOf,
  STANDARD_WEEK,
  WeeklyHoursEditor,
} from './WeeklyHoursEditor.tsx';

/** The server's limit of spans a day. */
const MAX_DAY_SPANS = 6;

/** An admin changes a user's name, role, language, activity, a rep's own hours, or resets the password. */
export function UserEditDialog({
  user,
  onClose,
  onSaved,
}: {
  user: SettingsUser;
  onClose: () => void;
  onSaved: (user: SettingsUser) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [locale, setLocale] = useState<Locale>(user.locale);
  const [active, setActive] = useState(user.active);
  const [password, setPassword] = useState('');
  const [ownHours, setOwnHours] = useState(user.workSchedule !== null);
  const [timeZone, setTimeZone] = useState(user.workSchedule?.timeZone ?? browserZone());
  const [hours, setHours] = useState<EditableHours>(() =>
    editableHours(user.workSchedule?.hours ?? STANDARD_WEEK),
  );
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Only what changed: a password reset ends the user's sessions, so it is sent only when typed.
    const showsHours = role === 'rep' || user.workSchedule !== null;
    const workSchedule: WorkSchedule | null = ownHours
      ? { timeZone: timeZone.trim(), hours: hoursOf(hours), holidays: user.workSchedule?.holidays ?? [] }
      : null;
    const body: UserPatch = {
      ...(name.trim() !== user.name ? { name: name.trim() } : {}),
      ...(role !== user.role ? { role } : {}),
      ...(locale !== user.locale ? { locale } : {}),
      ...(active !== user.active ? { active } : {}),
      ...(password ? { password } : {}),
      ...(showsHours && JSON.stringify(workSchedule) !== JSON.stringify(user.workSchedule)
        ? { workSchedule }
        : {}),
    };
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    setFields({});
    try {
      onSaved(await patch<SettingsUser>(`/api/users/${user.id}`, body));
    } catch (failure) {
      setError(failure);
      setFields(fieldErrorsOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('settings.users.editTitle', { name: user.name })}
      onClose={onClose}
      testId="user-edit-dialog"
    >
      <form className="stack" onSubmit={submit}>
        <p className="muted wrap">{user.email}</p>
        <label>
          {t('settings.users.name')}
          <input
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={200}
            aria-describedby="user-edit-name-error"
          />
          <FieldError errors={fields} name="name" id="user-edit-name-error" />
        </label>
        <label>
          {t('settings.users.role')}
          <select name="role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`settings.roles.${r}`)}
              </option>
            ))}
          </select>
          <span className="muted">{t(`settings.roleHints.${role}`)}</span>
        </label>
        <label>
          {t('settings.users.locale')}
          <select name="locale" value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`settings.locales.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            name="active"
            checked={active}
            onChange={(event) => setActive(event.target.checked)}
          />
          {t('settings.users.activeLabel')}
        </label>
        {!active && user.active && <p className="warning">{t('settings.users.deactivateHint')}</p>}
        {(role === 'rep' || user.workSchedule) && (
          <fieldset data-testid="user-hours">
            <legend>{t('settings.users.hours')}</legend>
            <HintedCheckbox
              label={t('settings.users.ownHours')}
              hint={t('settings.users.ownHoursHint')}
              checked={ownHours}
              onChange={setOwnHours}
              name="ownHours"
              testId="user-own-hours"
            />
            {ownHours && (
              <>
                <TimeZoneField
                  value={timeZone}
                  onChange={setTimeZone}
                  errors={fields}
                  errorName="workSchedule.timeZone"
                  testId="user-timezone"
                />
                <WeeklyHoursEditor
                  value={hours}
                  onChange={setHours}
                  maxSpans={MAX_DAY_SPANS}
                  errors={fields}
                  errorPrefix="workSchedule.hours"
                  legend={t('settings.users.hoursByDay')}
                  idPrefix="user"
                />
              </>
            )}
          </fieldset>
        )}
        <label>
          {t('settings.users.newPassword')}
          <input
            name="password"
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            minLength={MIN_PASSWORD_LENGTH}
            maxLength={200}
            autoComplete="new-password"
            aria-describedby="user-edit-password-hint user-edit-password-error"
          />
          <span className="muted" id="user-edit-password-hint">
            {t('settings.users.resetHint', { count: MIN_PASSWORD_LENGTH })}
          </span>
          <FieldError errors={fields} name="password" id="user-edit-password-error" />
        </label>
        <Problem error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} data-testid="user-edit-submit">
            {t('settings.common.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
