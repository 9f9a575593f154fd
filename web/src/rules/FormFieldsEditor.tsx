import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from './data.ts';
import { FORM_FIELD_TYPES, type FormField, type FormFieldType, KNOWN_FIELD_NAMES } from './types.ts';
import { FieldError, MoveButtons, moved } from './ui.tsx';

/** A field being edited, with a stable React key. */
export type FieldDraft = FormField & { rowId: number };
const MAX_FIELDS = 30;
let nextRowId = 1;

export const fieldDraftOf = (field: FormField): FieldDraft => ({ ...field, rowId: nextRowId++ });
export const fieldOfDraft = ({ rowId: _rowId, ...field }: FieldDraft): FormField => field;

/** A name not used yet: custom1, custom2… */
function freeName(drafts: readonly FieldDraft[]): string {
  const used = new Set(drafts.map((d) => d.name));
  let n = 1;
  while (used.has(`custom${n}`)) n += 1;
  return `custom${n}`;
}

/** The fields of a capture form, in order: name, type, labels in both languages, required. */
export function FormFieldsEditor({
  drafts,
  onChange,
  errors,
}: {
  drafts: FieldDraft[];
  onChange: (drafts: FieldDraft[]) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const id = useId();
  const update = (index: number, change: Partial<FormField>) =>
    onChange(drafts.map((d, i) => (i === index ? { ...d, ...change } : d)));
  const reachable = drafts.some((d) => d.name === 'phone' || d.name === 'email');

  return (
    <div className="stack" data-testid="form-fields">
      <datalist id={`${id}-names`}>
        {KNOWN_FIELD_NAMES.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {drafts.map((draft, index) => {
        const at = `fields.${index}`;
        const label = draft.label.en || draft.name;
        const nameError = errors[`${at}.name`] ? `${id}-${index}-name` : undefined;
        return (
          <fieldset key={draft.rowId} className="rules-form-field" data-testid="form-field-row">
            <legend>{t('rules.forms.fieldLegend', { n: index + 1, name: label })}</legend>
            <label>
              {t('rules.forms.fieldName')}
              <input
                value={draft.name}
                list={`${id}-names`}
                onChange={(event) => update(index, { name: event.target.value })}
                aria-invalid={Boolean(nameError)}
                aria-describedby={nameError ?? `${id}-name-hint`}
                data-testid="form-field-name"
                autoComplete="off"
              />
            </label>
            <FieldError errors={errors} name={`${at}.name`} id={nameError} />
            <label>
              {t('rules.forms.fieldType')}
              <select
                value={draft.type}
                onChange={(event) => update(index, { type: event.target.value as FormFieldType })}
                data-testid="form-field-type"
              >
                {FORM_FIELD_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`rules.forms.fieldTypes.${type}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('rules.forms.labelEn')}
              <input
                value={draft.label.en}
                lang="en"
                onChange={(event) => update(index, { label: { ...draft.label, en: event.target.value } })}
                data-testid="form-field-label-en"
              />
            </label>
            <label>
              {t('rules.forms.labelRu')}
              <input
                value={draft.label.ru}
                lang="ru"
                onChange={(event) => update(index, { label: { ...draft.label, ru: event.target.value } })}
                data-testid="form-field-label-ru"
              />
            </label>
            <FieldError errors={errors} name={`${at}.label.en`} />
            <FieldError errors={errors} name={`${at}.label.ru`} />
            <label className="checkbox">
              <input
                type="checkbox"
                checked={draft.required}
                onChange={(event) => update(index, { required: event.target.checked })}
                data-testid="form-field-required"
              />
              {t('rules.forms.required')}
            </label>
            <div className="actions rules-field-actions">
              <MoveButtons
                index={index}
                count={drafts.length}
                name={label}
                onMove={(from, to) => onChange(moved(drafts, from, to))}
                testId="form-field-move"
              />
              <button
                type="button"
                disabled={drafts.length <= 1}
                onClick={() => onChange(drafts.filter((_, i) => i !== index))}
                aria-label={t('rules.forms.removeFieldNamed', { name: label })}
                data-testid="form-field-remove"
              >
                {t('rules.common.remove')}
              </button>
            </div>
          </fieldset>
        );
      })}
      <p className="muted" id={`${id}-name-hint`}>
        {t('rules.forms.fieldNameHint')}
      </p>
      <FieldError errors={errors} name="fields" />
      {!reachable && (
        <p className="warning" data-testid="form-unreachable">
          {t('rules.forms.noContactField')}
        </p>
      )}
      <div>
        <button
          type="button"
          disabled={drafts.length >= MAX_FIELDS}
          onClick={() =>
            onChange([
              ...drafts,
              fieldDraftOf({
                name: freeName(drafts),
                label: { en: '', ru: '' },
                type: 'text',
                required: false,
              }),
            ])
          }
          data-testid="form-field-add"
        >
          {t('rules.forms.addField')}
        </button>
      </div>
    </div>
  );
}
