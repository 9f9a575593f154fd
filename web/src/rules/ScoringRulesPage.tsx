import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch } from '../api.ts';
import { useFormat } from '../format.ts';
import { useRole } from '../session.tsx';
import { useConditionText } from './conditionText.ts';
import { remove, useCampaigns, useChannels, useScoringRules, useScoringSettings } from './data.ts';
import { ScoringRuleDialog } from './ScoringRuleDialog.tsx';
import { RecomputeButton, ScoringSettingsForm } from './ScoringSettingsForm.tsx';
import { ENGAGEMENT_EVENT_TYPES, SCORING_FIELDS, type ScoringKind, type ScoringRule } from './types.ts';
import { ConfirmButton, Loading, Problem } from './ui.tsx';
import './rules.css';

const KINDS: readonly ScoringKind[] = ['fit', 'engagement'];

/**
 * Lead scoring: fit rules (who the lead is) and engagement rules (what they did, losing value over
 * time), the thresholds that promote a lead's stage, and a rescore of every lead on demand.
 */
export function ScoringRulesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { role } = useRole();
  const canChange = role === 'admin' || role === 'head' || role === 'marketer';
  const rules = useScoringRules();
  const settings = useScoringSettings();
  const channels = useChannels();
  const campaigns = useCampaigns();
  const [editing, setEditing] = useState<{ kind: ScoringKind; rule: ScoringRule | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const channelOptions = (channels.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const campaignOptions = (campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const nameOf = (options: { value: string; label: string }[], fallback: string) => (id: string) =>
    options.find((o) => o.value === id)?.label ?? fallback;
  const conditionText = useConditionText(SCORING_FIELDS, {
    channel: nameOf(channelOptions, t('rules.common.unknownChannel')),
    campaign: nameOf(campaignOptions, t('rules.common.unknownCampaign')),
  });
  const signed = (points: number) => (points > 0 ? `+${format.number(points)}` : format.number(points));

  const describe = (rule: ScoringRule): string[] => {
    if (rule.kind === 'fit') {
      return rule.conditions.length === 0
        ? [t('rules.scoring.always')]
        : [...new Set(rule.conditions.map(conditionText))];
    }
    const type = rule.eventType ?? '';
    const known = (ENGAGEMENT_EVENT_TYPES as readonly string[]).includes(type);
    const event = t('rules.scoring.eachEvent', {
      type: known ? t(`rules.scoring.eventTypes.${type}`) : type,
    });
    return [
      rule.urlPattern ? `${event} ${t('rules.scoring.onUrl', { pattern: rule.urlPattern })}` : event,
      rule.decayDays
        ? t('rules.scoring.halfLife', { count: rule.decayDays, n: format.number(rule.decayDays) })
        : t('rules.scoring.noDecay'),
    ];
  };

  const act = async (action: () => Promise<unknown>, done: string) => {
    setFailure(null);
    try {
      await action();
      setNotice(done);
      rules.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  const list = rules.data?.items ?? [];
  return (
    <section aria-labelledby="scoring-title" className="rules-page">
      <h1 id="scoring-title">{t('rules.scoring.title')}</h1>
      <p className="muted">{t('rules.scoring.intro')}</p>
      {canChange && <RecomputeButton />}
      {!canChange && <p className="muted">{t('rules.scoring.onlyManagers')}</p>}
      <p className="notice" role="status" data-testid="scoring-notice">
        {notice}
      </p>
      <Problem error={rules.error} />
      <Problem error={failure} forbidden={t('rules.scoring.onlyManagers')} />
      {rules.loading && !rules.data && <Loading />}

      {KINDS.map((kind) => {
        const ofKind = list.filter((rule) => rule.kind === kind);
        return (
          <section key={kind} aria-labelledby={`scoring-${kind}-title`} className="rules-block">
            <div className="rules-head">
              <h2 id={`scoring-${kind}-title`}>{t(`rules.scoring.kinds.${kind}`)}</h2>
              {canChange && (
                <button
                  type="button"
                  onClick={() => setEditing({ kind, rule: null })}
                  data-testid={`scoring-create-${kind}`}
                >
                  {t(kind === 'fit' ? 'rules.scoring.addFit' : 'rules.scoring.addEngagement')}
                </button>
              )}
            </div>
            <p className="muted">
              {t(kind === 'fit' ? 'rules.scoring.fitHelp' : 'rules.scoring.engagementHelp')}
            </p>
            {rules.data && ofKind.length === 0 && (
              <p className="muted" data-testid={`scoring-empty-${kind}`}>
                {t('rules.scoring.empty')}
              </p>
            )}
            <ul className="plain rules-grid">
              {ofKind.map((rule) => (
                <li
                  key={rule.id}
                  className={`card rules-item ${rule.active ? '' : 'rules-inactive'}`}
                  data-testid="scoring-rule"
                >
                  <div className="rules-item-head">
                    <strong className="wrap" data-testid="scoring-rule-name">
                      {rule.name}
                    </strong>
                    <span
                      className={`rules-points ${rule.points < 0 ? 'rules-points-minus' : ''}`}
                      data-testid="scoring-rule-points"
                    >
                      {t('rules.scoring.pointsValue', { points: signed(rule.points) })}
                    </span>
                    {!rule.active && <span className="tag">{t('rules.common.inactive')}</span>}
                  </div>
                  <ul className="rules-when">
                    {describe(rule).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                  {canChange && (
                    <div className="actions rules-item-actions">
                      <button
                        type="button"
                        onClick={() => setEditing({ kind, rule })}
                        aria-label={t('rules.common.editNamed', { name: rule.name })}
                        data-testid="scoring-rule-edit"
                      >
                        {t('rules.common.edit')}
                      </button>
                      <button
                        type="button"
                        aria-label={
                          rule.active
                            ? t('rules.common.turnOffNamed', { name: rule.name })
                            : t('rules.common.turnOnNamed', { name: rule.name })
                        }
                        onClick={() =>
                          void act(
                            () => patch(`/api/scoring/rules/${rule.id}`, { active: !rule.active }),
                            rule.active
                              ? t('rules.scoring.turnedOff', { name: rule.name })
                              : t('rules.scoring.turnedOn', { name: rule.name }),
                          )
                        }
                      >
                        {rule.active ? t('rules.common.turnOff') : t('rules.common.turnOn')}
                      </button>
                      <ConfirmButton
                        label={t('rules.common.delete')}
                        ariaLabel={t('rules.common.deleteNamed', { name: rule.name })}
                        question={t('rules.scoring.deleteQuestion', { name: rule.name })}
                        confirmLabel={t('rules.common.deleteConfirm')}
                        onConfirm={() =>
                          act(
                            () => remove(`/api/scoring/rules/${rule.id}`),
                            t('rules.scoring.deleted', { name: rule.name }),
                          )
                        }
                        testId="scoring-rule-delete"
                      />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}

      <section aria-labelledby="scoring-thresholds-title" className="card rules-block">
        <h2 id="scoring-thresholds-title">{t('rules.scoring.thresholds')}</h2>
        <Problem error={settings.error} />
        {settings.loading && !settings.data && <Loading />}
        {settings.data && (
          <ScoringSettingsForm settings={settings.data} canChange={canChange} onSaved={settings.setData} />
        )}
      </section>

      {editing && (
        <ScoringRuleDialog
          rule={editing.rule}
          kind={editing.kind}
          channels={channelOptions}
          campaigns={campaignOptions}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(t('rules.scoring.saved', { name: saved.name }));
            rules.reload();
          }}
        />
      )}
    </section>
  );
}
