import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf, patch, post } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ConditionEditor } from './ConditionEditor.tsx';
import { type ConditionDraft, conditionOf, draftOf, draftProblems } from './conditionDraft.ts';
import { type FieldErrors, fieldErrorsOf } from './data.ts';
import {
  ENGAGEMENT_EVENT_TYPES,
  SCORING_FIELDS,
  type ScoringKind,
  type ScoringRule,
  type ScoringRuleInput,
} from './types.ts';
import { FieldError } from './ui.tsx';

type Option = { value: string; label: string };

/** A number as typed, or null when empty; what is not a number goes to the server as null to refuse. */
function numberOf(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

/**
 * Creates or changes a scoring rule. Fit rules: conditions on the lead. Engagement rules: an event
 * type (and URL pattern) worth points each time, halving every `decayDays` days when set.
 */
export function ScoringRuleDialog({
  rule,
  kind,
  channels,
  campaigns,
  onClose,
  onSaved,
}: {
  rule: ScoringRule | null;
  kind: ScoringKind;
  channels: Option[];
  campaigns: Option[];
  onClose: () => void;
  onSaved: (rule: ScoringRule) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(rule?.name ?? '');
  const [points, setPoints] = useState(rule ? String(rule.points) : '10');
  const [active, setActive] = useState(rule?.active ?? true);
  const [drafts, setDrafts] = useState<ConditionDraft[]>(() =>
    (rule?.conditions ?? []).map((c) => draftOf(c, SCORING_FIELDS)),
  );
  const [eventType, setEventType] = useState(rule?.eventType ?? 'page_view');
  const [urlPattern, setUrlPattern] = useState(rule?.urlPattern ?? '');
  const [decayDays, setDecayDays] = useState(rule?.decayDays ? String(rule.decayDays) : '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const bodyOf = (): ScoringRuleInput => {
    const common = { name: name.trim(), points: numberOf(points) as number, active };
    if (kind === 'fit') return { kind, ...common, conditions: drafts.map(conditionOf) };
    return {
      kind,
      ...common,
      eventType: eventType.trim(),
      urlPattern: urlPattern.trim() || null,
      decayDays: numberOf(decayDays),
    };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local =
      kind === 'fit'
        ? draftProblems(drafts, {
            keyRequired: t('rules.conditions.keyRequired'),
            valueRequired: t('rules.conditions.valueRequired'),
            numberRequired: t('rules.conditions.numberRequired'),
          })
        : {};
    setErrors(local);
    setProblem(Object.keys(local).length > 0 ? t('rules.common.fixFields') : null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const body = bodyOf();
      // The kind of a rule never changes, so a change sends the rest.
      const { kind: _kind, ...change } = body;
      const saved = rule
        ? await patch<ScoringRule>(`/api/scoring/rules/${rule.id}`, change)
        : await post<ScoringRule>('/api/scoring/rules', body);
      onSaved(saved);
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const err = (field: string) => (errors[field] ? `${id}-${field}` : undefined);
  const title = rule
    ? t(kind === 'fit' ? 'rules.scoring.editFit' : 'rules.scoring.editEngagement')
    : t(kind === 'fit' ? 'rules.scoring.createFit' : 'rules.scoring.createEngagement');

  return (
    <Dialog title={title} onClose={onClose} testId="scoring-rule-dialog">
      <form className="stack rules-wide" onSubmit={submit} noValidate>
        <p className="muted">
          {t(kind === 'fit' ? 'rules.scoring.fitHelp' : 'rules.scoring.engagementHelp')}
        </p>
        <label>
          {t('rules.scoring.name')}
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={200}
            aria-invalid={Boolean(err('name'))}
            aria-describedby={err('name')}
            data-testid="scoring-name"
          />
        </label>
        <FieldError errors={errors} name="name" id={err('name')} />
        <label>
          {t('rules.scoring.points')}
          <input
            type="number"
            step={1}
            min={-1000}
            max={1000}
            value={points}
            onChange={(event) => setPoints(event.target.value)}
            aria-invalid={Boolean(err('points'))}
            aria-describedby={err('points') ?? `${id}-points-hint`}
            data-testid="scoring-points"
          />
          <span className="muted" id={`${id}-points-hint`}>
            {t('rules.scoring.pointsHint')}
          </span>
        </label>
        <FieldError errors={errors} name="points" id={err('points')} />

        {kind === 'fit' ? (
          <fieldset>
            <legend>{t('rules.scoring.conditions')}</legend>
            <ConditionEditor
              drafts={drafts}
              onChange={setDrafts}
              fields={SCORING_FIELDS}
              allowOther
              channels={channels}
              campaigns={campaigns}
              errors={errors}
              emptyText={t('rules.scoring.noConditions')}
            />
          </fieldset>
        ) : (
          <>
            <label>
              {t('rules.scoring.eventType')}
              <input
                value={eventType}
                list={`${id}-event-types`}
                onChange={(event) => setEventType(event.target.value)}
                aria-invalid={Boolean(err('eventType'))}
                aria-describedby={err('eventType') ?? `${id}-event-hint`}
                data-testid="scoring-event-type"
              />
              <datalist id={`${id}-event-types`}>
                {ENGAGEMENT_EVENT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`rules.scoring.eventTypes.${type}`)}
                  </option>
                ))}
              </datalist>
              <span className="muted" id={`${id}-event-hint`}>
                {t('rules.scoring.eventTypeHint')}
              </span>
            </label>
            <FieldError errors={errors} name="eventType" id={err('eventType')} />
            <label>
              {t('rules.scoring.urlPattern')}
              <input
                value={urlPattern}
                onChange={(event) => setUrlPattern(event.target.value)}
                placeholder="*/pricing*"
                aria-invalid={Boolean(err('urlPattern'))}
                aria-describedby={err('urlPattern') ?? `${id}-url-hint`}
                data-testid="scoring-url-pattern"
              />
              <span className="muted" id={`${id}-url-hint`}>
                {t('rules.scoring.urlPatternHint')}
              </span>
            </label>
            <FieldError errors={errors} name="urlPattern" id={err('urlPattern')} />
            <label>
              {t('rules.scoring.decayDays')}
              <input
                type="number"
                min={1}
                max={3650}
                step={1}
                value={decayDays}
                onChange={(event) => setDecayDays(event.target.value)}
                aria-invalid={Boolean(err('decayDays'))}
                aria-describedby={err('decayDays') ?? `${id}-decay-hint`}
                data-testid="scoring-decay-days"
              />
              <span className="muted" id={`${id}-decay-hint`}>
                {t('rules.scoring.decayDaysHint')}
              </span>
            </label>
            <FieldError errors={errors} name="decayDays" id={err('decayDays')} />
          </>
        )}

        <label className="checkbox">
          <input
            type="checkbox"
            checked={active}
            onChange={(event) => setActive(event.target.checked)}
            data-testid="scoring-active"
          />
          {t('rules.scoring.active')}
        </label>
        {problem && (
          <p className="error" role="alert" data-testid="scoring-problem">
            {problem}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} data-testid="scoring-save">
            {busy ? t('rules.scoring.saving') : t('rules.common.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
