import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, get, type Me, messageOf, post, type User } from '../api.ts';
import { LOCALES, switchLocale } from '../i18n.ts';
import { useSession } from '../session.tsx';

const FIRST_ADMIN_COMMAND =
  'npm run leadflow -- user create --email you@example.com --name "Your Name" --role admin';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { loggedIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [firstRunHint, setFirstRunHint] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await post<{ user: User; csrfToken: string }>('/api/auth/login', { email, password });
      await loggedIn(session.user, session.csrfToken);
      const next = params.get('next');
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/leads', { replace: true });
    } catch (failure) {
      setError(messageOf(failure));
      // When nobody is logged in and the login failed, there may be no user at all yet.
      if (failure instanceof ApiError && failure.status === 401) {
        const me = await get<Me>('/api/auth/me').catch(() => null);
        setFirstRunHint(!me?.user);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login-page" id="main">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <label>
          {t('login.email')}
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('login.submit')}
        </button>
        {firstRunHint && (
          <div className="hint" data-testid="first-run-hint">
            <p>{t('login.firstRun')}</p>
            <pre>
              <code>{FIRST_ADMIN_COMMAND}</code>
            </pre>
          </div>
        )}
        <label className="inline-label">
          {t('nav.language')}
          <select
            value={i18n.language}
            onChange={(event) => void switchLocale(event.target.value as 'en' | 'ru', true)}
          >
            {LOCALES.map((locale) => (
              <option key={locale} value={locale}>
                {locale.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
      </form>
    </main>
  );
}
