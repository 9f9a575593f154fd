import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Locale, post, type Role } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { LOCALES, MIN_PASSWORD_LENGTH, ROLES, type SettingsUser, type UserCreated } from './types.ts';
import { FieldError, type FieldErrors, fieldErrorsOf, Problem, SecretField } from './ui.tsx';

/** A new user; without a password the server makes one, shown here once. */
export function UserCreateDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (user: SettingsUser) => void;
}) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('rep');
  const [locale, setLocale] = useState<Locale>(i18n.language === 'ru' ? 'ru' : 'en');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [generated, setGenerated] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const created = await post<UserCreated>('/api/users', {
        name: name.trim(),
        email: email.trim(),
        role,
        locale,
        ...(password ? { password } : {}),
      });
      onCreated(created.user);
      if (created.generatedPassword) setGenerated(created.generatedPassword);
      else onClose();
    } catch (failure) {
      setError(failure);
      setFields(fieldErrorsOf(failure));
    } finally {
      setBusy(false);
    }
  }

  if (generated) {
    return (
      <Dialog title={t('settings.users.createdTitle')} onClose={onClose} testId="user-create-dialog">
        <div className="stack">
          <p>{t('settings.users.generatedHint')}</p>
          <SecretField
            label={t('settings.users.generatedPassword')}
            value={generated}
            testId="generated-password"
          />
          <div className="actions">
            <button type="button" className="primary" onClick={onClose}>
              {t('settings.common.done')}
            </button>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={t('settings.users.create')} onClose={onClose} testId="user-create-dialog">
      <form className="stack" onSubmit={submit}>
        <label>
          {t('settings.users.name')}
          <input
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={200}
            autoComplete="off"
            aria-describedby="user-create-name-error"
          />
          <FieldError errors={fields} name="name" id="user-create-name-error" />
        </label>
        <label>
          {t('settings.users.email')}
          <input
            name="email"
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
            maxLength={320}
            autoComplete="off"
            aria-describedby="user-create-email-error"
          />
          <FieldError errors={fields} name="email" id="user-create-email-error" />
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
        <label>
          {t('settings.users.initialPassword')}
          <input
            name="password"
            type={showPassword ? 'text' : 'password'}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            minLength={MIN_PASSWORD_LENGTH}
            maxLength={200}
            autoComplete="new-password"
            aria-describedby="user-create-password-hint user-create-password-error"
          />
          <span className="muted" id="user-create-password-hint">
            {t('settings.users.passwordHint', { count: MIN_PASSWORD_LENGTH })}
          </span>
          <FieldError errors={fields} name="password" id="user-create-password-error" />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={showPassword}
            onChange={(event) => setShowPassword(event.target.checked)}
          />
          {t('settings.users.showPassword')}
        </label>
        <Problem error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} data-testid="user-create-submit">
            {t('settings.users.createSubmit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
