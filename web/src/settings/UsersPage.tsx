import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format.ts';
import { useRole } from '../session.tsx';
import { AbsencesDialog } from './AbsencesDialog.tsx';
import { isForbidden, useUsers } from './data.ts';
import { TokensSection } from './TokensSection.tsx';
import type { SettingsUser } from './types.ts';
import { UserCreateDialog } from './UserCreateDialog.tsx';
import { UserEditDialog } from './UserEditDialog.tsx';
import { Loading, Problem } from './ui.tsx';
import './settings.css';

/**
 * Users and roles (admins change them; sales heads see them and record absences), and API tokens.
 * The server decides who may do what; the page hides what the role cannot do and explains a 403.
 */
export function UsersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { role, userId } = useRole();
  const isAdmin = role === 'admin';
  const users = useUsers();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<SettingsUser | null>(null);
  const [absencesOf, setAbsencesOf] = useState<SettingsUser | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (isForbidden(users.error)) {
    return (
      <section aria-labelledby="users-title">
        <h1 id="users-title">{t('settings.users.title')}</h1>
        <Problem error={users.error} forbidden={t('settings.users.forbidden')} />
      </section>
    );
  }

  const list = users.data?.items ?? [];
  return (
    <section aria-labelledby="users-title" className="settings-section">
      <div className="settings-head">
        <h1 id="users-title">{t('settings.users.title')}</h1>
        {isAdmin && (
          <button
            type="button"
            className="primary"
            onClick={() => setCreating(true)}
            data-testid="user-create"
          >
            {t('settings.users.create')}
          </button>
        )}
      </div>
      {!isAdmin && <p className="muted">{t('settings.users.onlyAdminsChange')}</p>}
      {notice && (
        <p className="notice" role="status" data-testid="users-notice">
          {notice}
        </p>
      )}
      <Problem error={users.error} />
      {users.loading && !users.data && <Loading />}
      {users.data && list.length === 0 && <p className="muted">{t('settings.users.none')}</p>}
      {list.length > 0 && (
        <div className="table-wrap">
          <table data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t('settings.users.nameAndEmail')}</th>
                <th scope="col">{t('settings.users.role')}</th>
                <th scope="col">{t('settings.users.locale')}</th>
                <th scope="col">{t('settings.users.status')}</th>
                <th scope="col">{t('settings.users.lastLogin')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('settings.common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((user) => (
                <tr key={user.id} data-testid="user-row" className={user.active ? '' : 'inactive'}>
                  <td>
                    {user.name}
                    {user.id === userId && <span className="tag">{t('settings.users.you')}</span>}
                    <div className="muted email">{user.email}</div>
                  </td>
                  <td data-testid="user-role">{t(`settings.roles.${user.role}`)}</td>
                  <td>{t(`settings.locales.${user.locale}`)}</td>
                  <td>
                    {user.active ? t('settings.users.active') : t('settings.users.inactive')}
                    {!user.hasPassword && <div className="muted">{t('settings.users.noPassword')}</div>}
                  </td>
                  <td>{user.lastLoginAt ? format.dateTime(user.lastLoginAt) : t('settings.users.never')}</td>
                  <td>
                    <div className="row-actions">
                      {isAdmin && (
                        <button
                          type="button"
                          onClick={() => setEditing(user)}
                          data-testid="user-edit"
                          aria-label={t('settings.users.editNamed', { name: user.name })}
                        >
                          {t('settings.common.edit')}
                        </button>
                      )}
                      <button
                        type="button"
                        onClick={() => setAbsencesOf(user)}
                        data-testid="user-absences"
                        aria-label={t('settings.absences.openNamed', { name: user.name })}
                      >
                        {t('settings.absences.open')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <TokensSection users={list} />

      {creating && (
        <UserCreateDialog
          onClose={() => setCreating(false)}
          onCreated={(user) => {
            setNotice(t('settings.users.created', { name: user.name }));
            users.reload();
          }}
        />
      )}
      {editing && (
        <UserEditDialog
          user={editing}
          onClose={() => setEditing(null)}
          onSaved={(user) => {
            setEditing(null);
            setNotice(t('settings.users.saved', { name: user.name }));
            users.reload();
          }}
        />
      )}
      {absencesOf && <AbsencesDialog user={absencesOf} onClose={() => setAbsencesOf(null)} />}
    </section>
  );
}
