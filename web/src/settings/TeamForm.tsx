import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch, post } from '../api.ts';
import { useUsers } from './data.ts';
import { HolidaysEditor } from './HolidaysEditor.tsx';
import { browserZone, TimeZoneField } from './TimeZoneField.tsx';
import {
  ASSIGNMENT_METHODS,
  type AssignmentMethod,
  MAX_TEAM_SPANS,
  type Team,
  type TeamInput,
} from './types.ts';
import { FieldError, type FieldErrors, fieldErrorsOf, HintedCheckbox, Loading, Problem } from './ui.tsx';
import {
  type EditableHours,
  editableHours,
  hoursOf,
  STANDARD_WEEK,
  WeeklyHoursEditor,
} from './WeeklyHoursEditor.tsx';

/** A new team (no `team`) or changes to one; every field is sent, members replace the old list. */
export function TeamForm({
  team,
  onCancel,
  onSaved,
}: {
  team: Team | null;
  onCancel: () => void;
  onSaved: (team: Team) => void;
}) {
  const { t } = useTranslation();
  const users = useUsers();
  const active = (users.data?.items ?? []).filter((u) => u.active);
  const heads = active.filter((u) => u.role === 'head' || u.role === 'admin');
  const [name, setName] = useState(team?.name ?? '');
  const [headId, setHeadId] = useState(team?.headId ?? '');
  const [memberIds, setMemberIds] = useState<string[]>(team?.members.map((m) => m.userId) ?? []);
  const [timeZone, setTimeZone] = useState(team?.timeZone ?? browserZone());
  const [hours, setHours] = useState<EditableHours>(() => editableHours(team?.workingHours ?? STANDARD_WEEK));
  const [holidays, setHolidays] = useState<string[]>(team?.holidays ?? []);
  const [method, setMethod] = useState<AssignmentMethod>(team?.assignmentMethod ?? 'least_loaded');
  const [onlyWorkingHours, setOnlyWorkingHours] = useState(team?.onlyWorkingHours ?? false);
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => titleRef.current?.focus(), []);

  // The server takes only active people: inactive ones leave the team when it is saved.
  const usersLoaded = users.data !== null;
  const leaving = usersLoaded
    ? (team?.members ?? []).filter((m) => !active.some((u) => u.id === m.userId))
    : [];
  const headGone = usersLoaded && headId !== '' && !heads.some((u) => u.id === headId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: TeamInput = {
      name: name.trim(),
      headId: headGone ? null : headId || null,
      timeZone: timeZone.trim(),
      workingHours: hoursOf(hours),
      holidays,
      assignmentMethod: method,
      onlyWorkingHours,
      memberIds: memberIds.filter((id) => active.some((u) => u.id === id)),
    };
    setBusy(true);
    setError(null);
    setFields({});
    try {
      onSaved(team ? await patch<Team>(`/api/teams/${team.id}`, body) : await post<Team>('/api/teams', body));
    } catch (failure) {
      setError(failure);
      setFields(fieldErrorsOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const memberProblems = Object.entries(fields).filter(([key]) => key.startsWith('memberIds'));
  return (
    <form className="card stack team-form" onSubmit={submit} data-testid="team-form">
      <h2 ref={titleRef} tabIndex={-1}>
        {team ? t('settings.teams.editTitle', { name: team.name }) : t('settings.teams.createTitle')}
      </h2>
      <div className="form-grid">
        <label>
          {t('settings.teams.name')}
          <input
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={200}
          />
          <FieldError errors={fields} name="name" />
        </label>
        <label>
          {t('settings.teams.head')}
          <select
            name="headId"
            value={headGone ? '' : headId}
            onChange={(event) => setHeadId(event.target.value)}
          >
            <option value="">{t('settings.teams.noHead')}</option>
            {heads.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({t(`settings.roles.${u.role}`)})
              </option>
            ))}
          </select>
          {headGone && <span className="warning">{t('settings.teams.headInactive')}</span>}
          <FieldError errors={fields} name="headId" />
        </label>
        <TimeZoneField
          value={timeZone}
          onChange={setTimeZone}
          errors={fields}
          errorName="timeZone"
          testId="team-timezone"
        />
      </div>

      <fieldset data-testid="team-members">
        <legend>{t('settings.teams.members')}</legend>
        <p className="muted">{t('settings.teams.membersHint')}</p>
        {users.loading && !users.data && <Loading />}
        <Problem error={users.error} forbidden={t('settings.teams.usersForbidden')} />
        {usersLoaded && active.length === 0 && <p className="muted">{t('settings.teams.noUsers')}</p>}
        <div className="member-grid">
          {active.map((user) => (
            <label key={user.id} className="checkbox">
              <input
                type="checkbox"
                checked={memberIds.includes(user.id)}
                onChange={(event) =>
                  setMemberIds((ids) =>
                    event.target.checked ? [...ids, user.id] : ids.filter((id) => id !== user.id),
                  )
                }
              />
              <span>
                {user.name} <span className="muted">· {t(`settings.roles.${user.role}`)}</span>
              </span>
            </label>
          ))}
        </div>
        {leaving.length > 0 && (
          <p className="warning">
            {t('settings.teams.inactiveLeave', { names: leaving.map((m) => m.name).join(', ') })}
          </p>
        )}
        {memberProblems.map(([key, reason]) => (
          <span key={key} className="error field-error">
            {reason}
          </span>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('settings.teams.method')}</legend>
        {ASSIGNMENT_METHODS.map((m) => (
          <label key={m} className="checkbox radio-option">
            <input
              type="radio"
              name="assignmentMethod"
              value={m}
              checked={method === m}
              onChange={() => setMethod(m)}
            />
            <span>
              {t(`settings.teams.methods.${m}`)}
              <span className="muted block">{t(`settings.teams.methodHints.${m}`)}</span>
            </span>
          </label>
        ))}
        <HintedCheckbox
          label={t('settings.teams.onlyWorkingHours')}
          hint={t('settings.teams.onlyWorkingHoursHint')}
          checked={onlyWorkingHours}
          onChange={setOnlyWorkingHours}
          name="onlyWorkingHours"
        />
      </fieldset>

      <WeeklyHoursEditor
        value={hours}
        onChange={setHours}
        maxSpans={MAX_TEAM_SPANS}
        errors={fields}
        errorPrefix="workingHours"
        legend={t('settings.teams.workingHours')}
        idPrefix="team"
      />
      <HolidaysEditor
        value={holidays}
        onChange={setHolidays}
        errors={fields}
        errorPrefix="holidays"
        idPrefix="team"
      />

      <Problem error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} data-testid="team-save">
          {team ? t('settings.common.save') : t('settings.teams.createSubmit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
