import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ConditionDraft,
  isTyped,
  KEYED_BASES,
  LEAD_KINDS,
  newDraft,
  OTHER_BASE,
  opsFor,
  TEMPERATURES,
  type ValueKind,
  valueKindOf,
} from './conditionDraft.ts';
import type { FieldErrors } from './data.ts';
import { ADDRESS_PARTS, type ConditionOp, LIST_OPS, VALUELESS_OPS } from './types.ts';
import { FieldError } from './ui.tsx';

type Option = { value: string; label: string };

type Props = {
  drafts: ConditionDraft[];
  onChange: (drafts: ConditionDraft[]) => void;
  /** Lead attributes offered in the field list (keyed fields are always offered). */
  fields: readonly string[];
  /** Offer "another field" with a free path (scoring accepts any path; routing does not). */
  allowOther?: boolean;
  channels: Option[];
  campaigns: Option[];
  errors: FieldErrors;
  /** Shown when there is no condition: what the rule then does. */
  emptyText: string;
};

/** Rows of (field, operator, value), all of which must hold; the language of src/domain/conditions.ts. */
export function ConditionEditor({
  drafts,
  onChange,
  fields,
  allowOther,
  channels,
  campaigns,
  errors,
  emptyText,
}: Props) {
  const { t } = useTranslation();
  const bases = [...fields, ...KEYED_BASES, ...(allowOther ? [OTHER_BASE] : [])];
  const update = (index: number, change: Partial<ConditionDraft>) =>
    onChange(drafts.map((d, i) => (i === index ? { ...d, ...change } : d)));

  return (
    <div className="rules-conditions" data-testid="condition-editor">
      {drafts.length === 0 && <p className="muted">{emptyText}</p>}
      {errors.conditions && <FieldError errors={errors} name="conditions" />}
      {drafts.map((draft, index) => (
        <ConditionRow
          key={draft.rowId}
          index={index}
          draft={draft}
          bases={bases}
          options={{ channels, campaigns }}
          errors={errors}
          onChange={(change) => update(index, change)}
          onRemove={() => onChange(drafts.filter((_, i) => i !== index))}
        />
      ))}
      <button
        type="button"
        onClick={() => onChange([...drafts, newDraft(fields[0] ?? 'interest')])}
        data-testid="condition-add"
      >
        {t('rules.conditions.add')}
      </button>
    </div>
  );
}

function ConditionRow({
  index,
  draft,
  bases,
  options,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  draft: ConditionDraft;
  bases: string[];
  options: { channels: Option[]; campaigns: Option[] };
  errors: FieldErrors;
  onChange: (change: Partial<ConditionDraft>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const at = `conditions.${index}`;
  const kind = valueKindOf(draft.base);
  const ops = opsFor(kind);
  const keyed = draft.base === OTHER_BASE || (KEYED_BASES as readonly string[]).includes(draft.base);
  const fieldError = errors[`${at}.field`] ? `${id}-field-error` : undefined;
  const valueError = errors[`${at}.value`] ? `${id}-value-error` : undefined;

  const changeBase = (base: string) => {
    const nextOps = opsFor(valueKindOf(base));
    onChange({
      base,
      sub: base === 'address' ? 'city' : '',
      op: nextOps.includes(draft.op) ? draft.op : 'eq',
      text: '',
      list: [],
    });
  };

  return (
    <fieldset className="rules-condition" data-testid="condition-row">
      <legend>{t('rules.conditions.legend', { n: index + 1 })}</legend>
      <label>
        {t('rules.conditions.field')}
        <select
          value={draft.base}
          onChange={(event) => changeBase(event.target.value)}
          data-testid="condition-field"
          aria-describedby={keyed ? undefined : fieldError}
        >
          {bases.map((base) => (
            <option key={base} value={base}>
              {t(`rules.fields.${base}`)}
            </option>
          ))}
        </select>
      </label>
      {draft.base === 'address' ? (
        <label>
          {t('rules.conditions.addressPart')}
          <select
            value={draft.sub}
            onChange={(event) => onChange({ sub: event.target.value })}
            data-testid="condition-key"
          >
            {ADDRESS_PARTS.map((part) => (
              <option key={part} value={part}>
                {t(`rules.fields.addressParts.${part}`)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        keyed && (
          <label>
            {t(`rules.conditions.keyOf.${draft.base}`)}
            <input
              value={draft.sub}
              onChange={(event) => onChange({ sub: event.target.value })}
              placeholder={t(`rules.conditions.keyExample.${draft.base}`)}
              aria-describedby={fieldError}
              aria-invalid={Boolean(fieldError)}
              data-testid="condition-key"
              required
            />
          </label>
        )
      )}
      <FieldError errors={errors} name={`${at}.field`} id={fieldError} />
      <label>
        {t('rules.conditions.op')}
        <select
          value={draft.op}
          onChange={(event) => onChange({ op: event.target.value as ConditionOp })}
          data-testid="condition-op"
        >
          {ops.map((op) => (
            <option key={op} value={op}>
              {t(`rules.ops.${op}`)}
            </option>
          ))}
        </select>
      </label>
      <ValueInput kind={kind} draft={draft} options={options} describedBy={valueError} onChange={onChange} />
      <FieldError errors={errors} name={`${at}.value`} id={valueError} />
      <FieldError errors={errors} name={`${at}.op`} />
      <div className="rules-condition-remove">
        <button
          type="button"
          onClick={onRemove}
          aria-label={t('rules.conditions.removeNamed', { n: index + 1 })}
          data-testid="condition-remove"
        >
          {t('rules.conditions.remove')}
        </button>
      </div>
    </fieldset>
  );
}

function ValueInput({
  kind,
  draft,
  options,
  describedBy,
  onChange,
}: {
  kind: ValueKind;
  draft: ConditionDraft;
  options: { channels: Option[]; campaigns: Option[] };
  describedBy: string | undefined;
  onChange: (change: Partial<ConditionDraft>) => void;
}) {
  const { t } = useTranslation();
  if (VALUELESS_OPS.includes(draft.op)) return null;
  const many = LIST_OPS.includes(draft.op);
  const common = {
    'aria-describedby': describedBy,
    'aria-invalid': Boolean(describedBy),
    'data-testid': 'condition-value',
  };

  if (isTyped(kind)) {
    return (
      <label>
        {many ? t('rules.conditions.values') : t('rules.conditions.value')}
        <input
          {...common}
          value={draft.text}
          inputMode={kind === 'number' && !many ? 'decimal' : undefined}
          placeholder={many ? t('rules.conditions.valuesHint') : undefined}
          onChange={(event) => onChange({ text: event.target.value })}
        />
      </label>
    );
  }

  const choices: Option[] =
    kind === 'channel'
      ? options.channels
      : kind === 'campaign'
        ? options.campaigns
        : (kind === 'temperature' ? TEMPERATURES : LEAD_KINDS).map((value) => ({
            value,
            label: t(`rules.values.${kind}.${value}`),
          }));
  // A stored id that is no longer listed (a deleted channel) stays visible rather than vanishing.
  const known = new Set(choices.map((c) => c.value));
  const stale = (many ? draft.list : [draft.text]).filter((v) => v && !known.has(v));
  const all = [...choices, ...stale.map((value) => ({ value, label: t('rules.conditions.unknownValue') }))];

  if (many) {
    return (
      <label>
        {t('rules.conditions.values')}
        <select
          {...common}
          multiple
          size={Math.min(5, Math.max(2, all.length))}
          value={draft.list}
          onChange={(event) => onChange({ list: [...event.target.selectedOptions].map((o) => o.value) })}
        >
          {all.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
    );
  }
  return (
    <label>
      {t('rules.conditions.value')}
      <select {...common} value={draft.text} onChange={(event) => onChange({ text: event.target.value })}>
        <option value="">{t('rules.conditions.choose')}</option>
        {all.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}
