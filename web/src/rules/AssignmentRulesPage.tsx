import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { patch } from '../api.ts';
import { useRole } from '../session.tsx';
import { AssignmentRuleDialog } from './AssignmentRuleDialog.tsx';
import { useConditionText } from './conditionText.ts';
import {
  remove,
  useAssignmentRules,
  useCampaigns,
  useChannels,
  useRoutingModes,
  useTeams,
  useUsers,
} from './data.ts';
import { ASSIGNMENT_FIELDS, type AssignmentRule, type Target } from './types.ts';
import { ConfirmButton, Loading, MoveButtons, moved, Problem } from './ui.tsx';
import './rules.css';

/** Positions are spread out so a rule can later be put between two without renumbering all. */
const POSITION_STEP = 10;

/**
 * The ordered assignment rules: the first active rule whose channel and conditions fit a new lead
 * picks its owner. Heads and admins change them; other roles read them.
 */
export function AssignmentRulesPage() {
  const { t } = useTranslation();
  const { isHead } = useRole();
  const rules = useAssignmentRules();
  const modes = useRoutingModes();
  const channels = useChannels();
  const campaigns = useCampaigns();
  const users = useUsers(isHead);
  const teams = useTeams();
  const [editing, setEditing] = useState<AssignmentRule | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  // Moves are saved one after another, in the order they were made.
  const saving = useRef<Promise<void>>(Promise.resolve());

  const channelName = (id: string) =>
    channels.data?.items.find((c) => c.id === id)?.name ?? t('rules.common.unknownChannel');
  const campaignName = (id: string) =>
    campaigns.data?.items.find((c) => c.id === id)?.name ?? t('rules.common.unknownCampaign');
  const conditionText = useConditionText(ASSIGNMENT_FIELDS, {
    channel: channelName,
    campaign: campaignName,
  });
  const targetText = (target: Target) => {
    switch (target.type) {
      case 'user':
        return t('rules.assignment.toUser', {
          name: users.data?.items.find((u) => u.id === target.userId)?.name ?? t('rules.common.unknownUser'),
        });
      case 'team':
        return t('rules.assignment.toTeam', {
          name:
            teams.data?.items.find((team) => team.id === target.teamId)?.name ??
            t('rules.common.unknownTeam'),
        });
      default:
        return t(`rules.assignment.to.${target.type}`);
    }
  };

  /** The rule's channel and conditions in words; a condition repeated word for word is shown once. */
  const whenLines = (rule: AssignmentRule): string[] => {
    const lines = [
      ...(rule.channelId ? [t('rules.assignment.channelIs', { name: channelName(rule.channelId) })] : []),
      ...rule.conditions.map(conditionText),
    ];
    return lines.length > 0 ? [...new Set(lines)] : [t('rules.assignment.everyLead')];
  };

  const list = rules.data?.items ?? [];
  const usesRules =
    modes.data &&
    (modes.data.defaultMode === 'rules' || Object.values(modes.data.channelModes).includes('rules'));

  const move = (from: number, to: number) => {
    const order = moved(list, from, to);
    const placed = order.map((rule, i) => ({ ...rule, position: (i + 1) * POSITION_STEP }));
    const changed = placed.filter((rule, i) => rule.position !== order[i]?.position);
    rules.setData({ items: placed });
    const rule = list[from];
    if (rule) setNotice(t('rules.assignment.moved', { name: rule.name, position: to + 1 }));
    setFailure(null);
    saving.current = saving.current.then(async () => {
      try {
        for (const r of changed) await patch(`/api/assignment-rules/${r.id}`, { position: r.position });
      } catch (error) {
        setFailure(error);
        rules.reload();
      }
    });
  };

  const toggle = async (rule: AssignmentRule) => {
    setFailure(null);
    try {
      await patch(`/api/assignment-rules/${rule.id}`, { active: !rule.active });
      setNotice(
        rule.active
          ? t('rules.assignment.turnedOff', { name: rule.name })
          : t('rules.assignment.turnedOn', { name: rule.name }),
      );
      rules.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  const deleteRule = async (rule: AssignmentRule) => {
    setFailure(null);
    try {
      await remove(`/api/assignment-rules/${rule.id}`);
      setNotice(t('rules.assignment.deleted', { name: rule.name }));
      rules.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section aria-labelledby="assignment-title" className="rules-page">
      <div className="rules-head">
        <h1 id="assignment-title">{t('rules.assignment.title')}</h1>
        {isHead && (
          <button
            type="button"
            className="primary"
            onClick={() => setEditing('new')}
            data-testid="assignment-rule-create"
          >
            {t('rules.assignment.create')}
          </button>
        )}
      </div>
      <p className="muted">{t('rules.assignment.intro')}</p>
      {!isHead && <p className="muted">{t('rules.assignment.onlyHeads')}</p>}
      {modes.data && !usesRules && (
        <p className="rules-callout" data-testid="assignment-mode-hint">
          {t('rules.assignment.notInRulesMode')}{' '}
          <Link to="/settings/routing">{t('rules.assignment.openRouting')}</Link>
        </p>
      )}
      <p className="notice" role="status" data-testid="assignment-notice">
        {notice}
      </p>
      <Problem error={rules.error} />
      <Problem error={failure} forbidden={t('rules.assignment.onlyHeads')} />
      {rules.loading && !rules.data && <Loading />}
      {rules.data && list.length === 0 && (
        <p className="muted" data-testid="assignment-empty">
          {t('rules.assignment.empty')}
        </p>
      )}
      <ol className="plain rules-list" data-testid="assignment-rules">
        {list.map((rule, index) => (
          <li
            key={rule.id}
            className={`card rules-item ${rule.active ? '' : 'rules-inactive'}`}
            data-testid="assignment-rule"
          >
            <div className="rules-item-head">
              <span className="rules-order" aria-hidden="true">
                {index + 1}
              </span>
              <strong className="wrap" data-testid="assignment-rule-name">
                <span className="visually-hidden">
                  {t('rules.assignment.positionNamed', { position: index + 1 })}{' '}
                </span>
                {rule.name}
              </strong>
              <span className={`tag ${rule.active ? 'rules-tag-on' : ''}`}>
                {rule.active ? t('rules.common.active') : t('rules.common.inactive')}
              </span>
            </div>
            <dl className="rules-summary">
              <dt>{t('rules.assignment.when')}</dt>
              <dd data-testid="assignment-rule-when">
                <ul className="plain">
                  {whenLines(rule).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </dd>
              <dt>{t('rules.assignment.then')}</dt>
              <dd data-testid="assignment-rule-target">{targetText(rule.target)}</dd>
            </dl>
            {isHead && (
              <div className="actions rules-item-actions">
                <MoveButtons
                  index={index}
                  count={list.length}
                  name={rule.name}
                  onMove={move}
                  testId="assignment-rule-move"
                />
                <button
                  type="button"
                  onClick={() => setEditing(rule)}
                  aria-label={t('rules.common.editNamed', { name: rule.name })}
                  data-testid="assignment-rule-edit"
                >
                  {t('rules.common.edit')}
                </button>
                <button
                  type="button"
                  onClick={() => void toggle(rule)}
                  aria-label={
                    rule.active
                      ? t('rules.common.turnOffNamed', { name: rule.name })
                      : t('rules.common.turnOnNamed', { name: rule.name })
                  }
                >
                  {rule.active ? t('rules.common.turnOff') : t('rules.common.turnOn')}
                </button>
                <ConfirmButton
                  label={t('rules.common.delete')}
                  ariaLabel={t('rules.common.deleteNamed', { name: rule.name })}
                  question={t('rules.assignment.deleteQuestion', { name: rule.name })}
                  confirmLabel={t('rules.common.deleteConfirm')}
                  onConfirm={() => deleteRule(rule)}
                  testId="assignment-rule-delete"
                />
              </div>
            )}
          </li>
        ))}
      </ol>

      {editing && (
        <AssignmentRuleDialog
          rule={editing === 'new' ? null : editing}
          nextPosition={list.reduce((max, r) => Math.max(max, r.position), 0) + POSITION_STEP}
          channels={channels.data?.items ?? []}
          campaigns={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          users={users.data?.items ?? []}
          teams={teams.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(t('rules.assignment.saved', { name: saved.name }));
            rules.reload();
          }}
        />
      )}
    </section>
  );
}
