import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf, patch, post } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ConditionEditor } from './ConditionEditor.tsx';
import { type ConditionDraft, conditionOf, draftOf, draftProblems } from './conditionDraft.ts';
import { type FieldErrors, fieldErrorsOf } from './data.ts';
import {
  ASSIGNMENT_FIELDS,
  type AssignmentRule,
  type AssignmentRuleInput,
  type NamedChannel,
  type NamedTeam,
  type NamedUser,
  TARGET_TYPES,
  type Target,
  type TargetType,
} from './types.ts';
import { FieldError } from './ui.tsx';

type Option = { value: string; label: string };

/** Creates a rule (at the end of the list) or changes one: name, channel, conditions, target, active. */
export function AssignmentRuleDialog({
  rule,
  nextPosition,
  channels,
  campaigns,
  users,
  teams,
  onClose,
  onSaved,
}: {
  rule: AssignmentRule | null;
  nextPosition: number;
  channels: NamedChannel[];
  campaigns: Option[];
  users: NamedUser[];
  teams: NamedTeam[];
  onClose: () => void;
  onSaved: (rule: AssignmentRule) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(rule?.name ?? '');
  const [channelId, setChannelId] = useState(rule?.channelId ?? '');
  const [drafts, setDrafts] = useState<ConditionDraft[]>(() =>
    (rule?.conditions ?? []).map((c) => draftOf(c, ASSIGNMENT_FIELDS)),
  );
  const [targetType, setTargetType] = useState<TargetType>(rule?.target.type ?? 'user');
  const [userId, setUserId] = useState(rule?.target.type === 'user' ? rule.target.userId : '');
  const [teamId, setTeamId] = useState(rule?.target.type === 'team' ? rule.target.teamId : '');
  const [active, setActive] = useState(rule?.active ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const targetOf = (): Target => {
    if (targetType === 'user') return { type: 'user', userId };
    if (targetType === 'team') return { type: 'team', teamId };
    return { type: targetType };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: FieldErrors = draftProblems(drafts, {
      keyRequired: t('rules.conditions.keyRequired'),
      valueRequired: t('rules.conditions.valueRequired'),
      numberRequired: t('rules.conditions.numberRequired'),
    });
    if (targetType === 'user' && !userId) local['target.userId'] = t('rules.assignment.chooseUser');
    if (targetType === 'team' && !teamId) local['target.teamId'] = t('rules.assignment.chooseTeam');
    setErrors(local);
    setProblem(Object.keys(local).length > 0 ? t('rules.common.fixFields') : null);
    if (Object.keys(local).length > 0) return;
    const body: AssignmentRuleInput = {
      name: name.trim(),
      channelId: channelId || null,
      conditions: drafts.map(conditionOf),
      target: targetOf(),
      active,
    };
    setBusy(true);
    try {
      const saved = rule
        ? await patch<AssignmentRule>(`/api/assignment-rules/${rule.id}`, body)
        : await post<AssignmentRule>('/api/assignment-rules', { ...body, position: nextPosition });
      onSaved(saved);
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const err = (field: string) => (errors[field] ? `${id}-${field}` : undefined);
  const channelOptions = channels.map((c) => ({ value: c.id, label: c.name }));

  return (
    <Dialog
      title={rule ? t('rules.assignment.editTitle') : t('rules.assignment.createTitle')}
      onClose={onClose}
      testId="assignment-rule-dialog"
    >
      <form className="stack rules-wide" onSubmit={submit} noValidate>
        <label>
          {t('rules.assignment.name')}
          <input
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={200}
            aria-invalid={Boolean(err('name'))}
            aria-describedby={err('name')}
            data-testid="rule-name"
          />
        </label>
        <FieldError errors={errors} name="name" id={err('name')} />
        <label>
          {t('rules.assignment.channel')}
          <select
            name="channelId"
            value={channelId}
            onChange={(event) => setChannelId(event.target.value)}
            aria-describedby={err('channelId')}
            data-testid="rule-channel"
          >
            <option value="">{t('rules.assignment.anyChannel')}</option>
            {channels.map((channel) => (
              <option key={channel.id} value={channel.id}>
                {channel.name}
              </option>
            ))}
          </select>
        </label>
        <FieldError errors={errors} name="channelId" id={err('channelId')} />

        <fieldset>
          <legend>{t('rules.assignment.conditions')}</legend>
          <ConditionEditor
            drafts={drafts}
            onChange={setDrafts}
            fields={ASSIGNMENT_FIELDS}
            channels={channelOptions}
            campaigns={campaigns}
            errors={errors}
            emptyText={t('rules.assignment.noConditions')}
          />
        </fieldset>

        <fieldset data-testid="rule-target">
          <legend>{t('rules.assignment.target')}</legend>
          <div className="rules-radios" role="radiogroup" aria-label={t('rules.assignment.target')}>
            {TARGET_TYPES.map((type) => (
              <label key={type} className="checkbox">
                <input
                  type="radio"
                  name="targetType"
                  value={type}
                  checked={targetType === type}
                  onChange={() => setTargetType(type)}
                  data-testid={`rule-target-${type}`}
                />
                {t(`rules.assignment.targetTypes.${type}`)}
              </label>
            ))}
          </div>
          {targetType === 'user' && (
            <label>
              {t('rules.assignment.user')}
              <select
                value={userId}
                onChange={(event) => setUserId(event.target.value)}
                aria-invalid={Boolean(err('target.userId'))}
                aria-describedby={err('target.userId')}
                data-testid="rule-user"
              >
                <option value="">{t('rules.conditions.choose')}</option>
                {users.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name} · {t(`rules.roles.${user.role}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {targetType === 'team' && (
            <label>
              {t('rules.assignment.team')}
              <select
                value={teamId}
                onChange={(event) => setTeamId(event.target.value)}
                aria-invalid={Boolean(err('target.teamId'))}
                aria-describedby={err('target.teamId')}
                data-testid="rule-team"
              >
                <option value="">{t('rules.conditions.choose')}</option>
                {teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {targetType === 'team' && teams.length === 0 && (
            <p className="muted">{t('rules.assignment.noTeams')}</p>
          )}
          <FieldError errors={errors} name="target.userId" id={err('target.userId')} />
          <FieldError errors={errors} name="target.teamId" id={err('target.teamId')} />
          <FieldError errors={errors} name="target" />
        </fieldset>

        <label className="checkbox">
          <input
            type="checkbox"
            checked={active}
            onChange={(event) => setActive(event.target.checked)}
            data-testid="rule-active"
          />
          {t('rules.assignment.active')}
        </label>

        {problem && (
          <p className="error" role="alert" data-testid="rule-problem">
            {problem}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} data-testid="rule-save">
            {t('rules.common.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
