import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api.ts';
import { useFormat } from '../format.ts';
import { useRole } from '../session.tsx';
import { remove, useTokens } from './data.ts';
import { type ApiTokenCreated, type SettingsUser, TOKEN_SCOPES, type TokenScope } from './types.ts';
import {
  ConfirmButton,
  FieldError,
  type FieldErrors,
  fieldErrorsOf,
  Loading,
  Problem,
  SecretField,
} from './ui.tsx';

/** API tokens for integrations and scripts: admins see and make all, others their own. */
export function TokensSection({ users }: { users: SettingsUser[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { role, userId } = useRole();
  const isAdmin = role === 'admin';
  const tokens = useTokens();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('capture');
  // Admins choose whose token it is; '' is an integration token that belongs to nobody.
  const [owner, setOwner] = useState('');
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const ownerName = (id: string | null) =>
    id === null ? t('settings.tokens.integration') : (users.find((u) => u.id === id)?.name ?? '—');

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    setCreated(null);
    try {
      const token = await post<ApiTokenCreated>('/api/tokens', {
        name: name.trim(),
        scope,
        ...(isAdmin ? { userId: owner || null } : {}),
      });
      setCreated(token);
      setName('');
      tokens.reload();
    } catch (failure) {
      setError(failure);
      setFields(fieldErrorsOf(failure));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(id: string) {
    setError(null);
    try {
      await remove(`/api/tokens/${id}`);
    } catch (failure) {
      setError(failure);
    }
    tokens.reload();
  }

  const items = tokens.data?.items ?? [];
  return (
    <section className="card settings-card" aria-labelledby="tokens-title" data-testid="tokens-section">
      <h2 id="tokens-title">{t('settings.tokens.title')}</h2>
      <p className="muted">{isAdmin ? t('settings.tokens.hintAdmin') : t('settings.tokens.hintOwn')}</p>
      {tokens.loading && !tokens.data && <Loading />}
      <Problem error={tokens.error} />
      {tokens.data && items.length === 0 && <p className="muted">{t('settings.tokens.none')}</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="compact" data-testid="tokens-table">
            <thead>
              <tr>
                <th scope="col">{t('settings.tokens.name')}</th>
                <th scope="col">{t('settings.tokens.scope')}</th>
                {isAdmin && <th scope="col">{t('settings.tokens.owner')}</th>}
                <th scope="col">{t('settings.tokens.created')}</th>
                <th scope="col">{t('settings.tokens.lastUsed')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('settings.common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((token) => (
                <tr key={token.id} data-testid="token-row" className={token.revokedAt ? 'inactive' : ''}>
                  <td>{token.name}</td>
                  <td>{t(`settings.tokens.scopes.${token.scope}`)}</td>
                  {isAdmin && (
                    <td>{token.userId === userId ? t('settings.users.you') : ownerName(token.userId)}</td>
                  )}
                  <td>{format.date(token.createdAt)}</td>
                  <td>{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('settings.users.never')}</td>
                  <td>
                    {token.revokedAt ? (
                      <span className="muted">
                        {t('settings.tokens.revokedOn', { date: format.date(token.revokedAt) })}
                      </span>
                    ) : (
                      <ConfirmButton
                        label={t('settings.tokens.revoke')}
                        question={t('settings.tokens.revokeQuestion', { name: token.name })}
                        confirmLabel={t('settings.tokens.revoke')}
                        testId="token-revoke"
                        onConfirm={() => revoke(token.id)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {created && (
        <div className="secret-box" data-testid="token-created">
          <p className="notice" role="status">
            {t('settings.tokens.createdOnce', { name: created.name })}
          </p>
          <SecretField label={t('settings.tokens.secret')} value={created.token} testId="token-secret" />
          <button type="button" onClick={() => setCreated(null)}>
            {t('settings.tokens.hideSecret')}
          </button>
        </div>
      )}

      <form className="stack" onSubmit={create}>
        <h3>{t('settings.tokens.create')}</h3>
        <div className="form-grid">
          <label>
            {t('settings.tokens.name')}
            <input
              name="tokenName"
              value={name}
              onChange={(event) => setName(event.target.value)}
              required
              maxLength={200}
              placeholder={t('settings.tokens.namePlaceholder')}
            />
            <FieldError errors={fields} name="name" />
          </label>
          <label>
            {t('settings.tokens.scope')}
            <select
              name="scope"
              value={scope}
              onChange={(event) => setScope(event.target.value as TokenScope)}
            >
              {TOKEN_SCOPES.map((s) => (
                <option key={s} value={s}>
                  {t(`settings.tokens.scopes.${s}`)}
                </option>
              ))}
            </select>
          </label>
          {isAdmin && (
            <label>
              {t('settings.tokens.owner')}
              <select name="owner" value={owner} onChange={(event) => setOwner(event.target.value)}>
                <option value="">{t('settings.tokens.integration')}</option>
                {users
                  .filter((u) => u.active)
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
              </select>
              <FieldError errors={fields} name="userId" />
            </label>
          )}
        </div>
        <p className="muted">{t(`settings.tokens.scopeHints.${scope}`)}</p>
        <Problem error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} data-testid="token-create">
            {t('settings.tokens.createSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
