import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRole } from '../session.tsx';
import { remove, useTeams, useUsers } from './data.ts';
import { useDays } from './dates.ts';
import { TeamForm } from './TeamForm.tsx';
import type { Team } from './types.ts';
import { ConfirmButton, Loading, Problem } from './ui.tsx';
import { useHoursSummary } from './WeeklyHoursEditor.tsx';
import './settings.css';

/** A card lists the first holidays; the form shows them all. */
const SHOWN_HOLIDAYS = 8;

/** Sales teams: members, head, working hours and holidays, and how leads are spread inside. */
export function TeamsPage() {
  const { t } = useTranslation();
  const { isHead } = useRole();
  const teams = useTeams();
  // The head is often no member: managers, who may list users, see the head's name from there.
  const users = useUsers(isHead);
  const nameOf = (id: string) => users.data?.items.find((u) => u.id === id)?.name;
  // null: the list; 'new': a new team; a team: changing it.
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const wasEditing = useRef(false);

  // Back from the form, the keyboard continues at the top of the list, not at the page's start.
  useEffect(() => {
    if (!editing && wasEditing.current) titleRef.current?.focus();
    wasEditing.current = editing !== null;
  }, [editing]);

  if (editing) {
    return (
      <section aria-label={t('settings.teams.title')} className="settings-section">
        <TeamForm
          team={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(team) => {
            setEditing(null);
            setNotice(t('settings.teams.saved', { name: team.name }));
            teams.reload();
          }}
        />
      </section>
    );
  }

  const list = teams.data?.items ?? [];
  return (
    <section aria-labelledby="teams-title" className="settings-section">
      <div className="settings-head">
        <h1 id="teams-title" ref={titleRef} tabIndex={-1}>
          {t('settings.teams.title')}
        </h1>
        {isHead && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setNotice(null);
              setEditing('new');
            }}
            data-testid="team-create"
          >
            {t('settings.teams.create')}
          </button>
        )}
      </div>
      <p className="muted">{t('settings.teams.intro')}</p>
      {!isHead && <p className="muted">{t('settings.teams.readOnly')}</p>}
      {notice && (
        <p className="notice" role="status" data-testid="teams-notice">
          {notice}
        </p>
      )}
      <Problem error={teams.error} />
      <Problem error={error} />
      {teams.loading && !teams.data && <Loading />}
      {teams.data && list.length === 0 && <p className="muted">{t('settings.teams.none')}</p>}
      <div className="card-grid">
        {list.map((team) => (
          <TeamCard
            key={team.id}
            team={team}
            headName={team.headId ? nameOf(team.headId) : undefined}
            canManage={isHead}
            onEdit={() => {
              setNotice(null);
              setEditing(team);
            }}
            onDelete={async () => {
              setError(null);
              try {
                await remove(`/api/teams/${team.id}`);
                setNotice(t('settings.teams.deleted', { name: team.name }));
              } catch (failure) {
                setError(failure);
              }
              teams.reload();
            }}
          />
        ))}
      </div>
    </section>
  );
}

function TeamCard({
  team,
  headName,
  canManage,
  onEdit,
  onDelete,
}: {
  team: Team;
  headName: string | undefined;
  canManage: boolean;
  onEdit: () => void;
  onDelete: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const days = useDays();
  const summary = useHoursSummary();
  const head = headName ?? team.members.find((m) => m.userId === team.headId)?.name;
  return (
    <article className="card" data-testid="team-card" aria-labelledby={`team-${team.id}`}>
      <h2 id={`team-${team.id}`} className="wrap">
        {team.name}
      </h2>
      <dl>
        <dt>{t('settings.teams.head')}</dt>
        <dd>{team.headId ? (head ?? t('settings.teams.headNotMember')) : t('settings.teams.noHead')}</dd>
        <dt>{t('settings.teams.members')}</dt>
        <dd data-testid="team-members-list">
          {team.members.length === 0
            ? t('settings.teams.noMembers')
            : team.members.map((m) => (
                <span key={m.userId} className={`tag ${m.active ? '' : 'inactive'}`}>
                  {m.name}
                </span>
              ))}
        </dd>
        <dt>{t('settings.timeZone.label')}</dt>
        <dd>{team.timeZone}</dd>
        <dt>{t('settings.teams.method')}</dt>
        <dd>{t(`settings.teams.methods.${team.assignmentMethod}`)}</dd>
        <dt>{t('settings.teams.workingHours')}</dt>
        <dd>
          {summary(team.workingHours).map((line) => (
            <div key={line}>{line}</div>
          ))}
          {team.onlyWorkingHours && <div className="muted">{t('settings.teams.onlyWorkingHoursShort')}</div>}
        </dd>
        <dt>{t('settings.holidays.legend')}</dt>
        <dd>
          {team.holidays.length === 0
            ? t('settings.holidays.none')
            : team.holidays
                .slice(0, SHOWN_HOLIDAYS)
                .map((d) => days.day(d))
                .join(', ')}
          {team.holidays.length > SHOWN_HOLIDAYS &&
            ` ${t('settings.holidays.more', { count: team.holidays.length - SHOWN_HOLIDAYS })}`}
        </dd>
      </dl>
      {canManage && (
        <div className="actions card-actions">
          <button
            type="button"
            onClick={onEdit}
            data-testid="team-edit"
            aria-label={t('settings.teams.editNamed', { name: team.name })}
          >
            {t('settings.common.edit')}
          </button>
          <ConfirmButton
            label={t('settings.common.delete')}
            question={t('settings.teams.deleteQuestion', { name: team.name })}
            confirmLabel={t('settings.common.delete')}
            onConfirm={onDelete}
            testId="team-delete"
          />
        </div>
      )}
    </article>
  );
}
