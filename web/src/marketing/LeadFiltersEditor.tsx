import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './Field.tsx';
import { type FormProblem, reasonFor } from './problems.tsx';
import { CONDITION_OPS, type Condition, type ConditionOp } from './types.ts';

/** A buyer filter as typed: the value is text until saved (a list is comma-separated). */
export type FilterRow = { key: number; field: string; op: ConditionOp; value: string };

const VALUELESS: readonly ConditionOp[] = ['exists', 'not_exists'];
const LIST: readonly ConditionOp[] = ['in', 'not_in'];
const NUMERIC: readonly ConditionOp[] = ['gt', 'gte', 'lt', 'lte'];
/** Lead fields buyers usually filter on; any field path may be typed. */
const COMMON_FIELDS = [
  'address.region',
  'address.city',
  'phones',
  'emails',
  'company',
  'position',
  'interest',
  'language',
  'custom.age',
];

let nextKey = 0;

export function filterRowsOf(conditions: Condition[]): FilterRow[] {
  return conditions.map((c) => ({
    key: ++nextKey,
    field: c.field,
    op: c.op,
    value: Array.isArray(c.value) ? c.value.join(', ') : c.value === undefined ? '' : String(c.value),
  }));
}

/** Rows as the API stores them: lists split, numbers for comparisons, no value where none is taken. */
export function conditionsOf(rows: FilterRow[]): Condition[] {
  return rows.map(({ field, op, value }) => {
    const text = value.trim();
    if (VALUELESS.includes(op)) return { field: field.trim(), op };
    if (LIST.includes(op)) {
      return {
        field: field.trim(),
        op,
        value: text
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      };
    }
    const number = Number(text.replace(',', '.'));
    return {
      field: field.trim(),
      op,
      value: NUMERIC.includes(op) && text !== '' && Number.isFinite(number) ? number : text,
    };
  });
}

/** Buyer filters of a bought-leads campaign: a delivered lead failing one is invalid, not paid for. */
export function LeadFiltersEditor({
  value,
  onChange,
  problem,
}: {
  value: FilterRow[];
  onChange: (next: FilterRow[]) => void;
  problem: FormProblem | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const set = (index: number, change: Partial<FilterRow>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...change } : row)));

  return (
    <fieldset className="filters-editor" data-testid="lead-filters">
      <legend>{t('marketing.filters.title')}</legend>
      <p className="muted">{t('marketing.filters.hint')}</p>
      <datalist id={`${id}-fields`}>
        {COMMON_FIELDS.map((field) => (
          <option key={field} value={field} />
        ))}
      </datalist>
      {value.length === 0 && <p className="muted">{t('marketing.filters.none')}</p>}
      {value.map((row, index) => {
        return (
          <div className="filter-row" key={row.key} data-testid="filter-row">
            <Field label={t('marketing.filters.field')} reason={reasonFor(problem, `leadFilters.${index}`)}>
              {(control) => (
                <input
                  {...control}
                  value={row.field}
                  list={`${id}-fields`}
                  required
                  placeholder="address.region"
                  onChange={(event) => set(index, { field: event.target.value })}
                />
              )}
            </Field>
            <Field label={t('marketing.filters.op')}>
              {(control) => (
                <select
                  {...control}
                  value={row.op}
                  onChange={(event) => set(index, { op: event.target.value as ConditionOp })}
                >
                  {CONDITION_OPS.map((op) => (
                    <option key={op} value={op}>
                      {t(`marketing.filters.ops.${op}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {VALUELESS.includes(row.op) ? (
              <span />
            ) : (
              <Field
                label={LIST.includes(row.op) ? t('marketing.filters.values') : t('marketing.filters.value')}
              >
                {(control) => (
                  <input
                    {...control}
                    value={row.value}
                    inputMode={NUMERIC.includes(row.op) ? 'decimal' : undefined}
                    onChange={(event) => set(index, { value: event.target.value })}
                  />
                )}
              </Field>
            )}
            <button
              type="button"
              onClick={() => onChange(value.filter((_, i) => i !== index))}
              aria-label={t('marketing.filters.remove', { field: row.field })}
            >
              {t('marketing.tracking.removeShort')}
            </button>
          </div>
        );
      })}
      {problem?.fields.leadFilters && (
        <p className="error" role="alert">
          {problem.fields.leadFilters}
        </p>
      )}
      <div>
        <button
          type="button"
          onClick={() => onChange([...value, { key: ++nextKey, field: '', op: 'eq', value: '' }])}
          data-testid="filter-add"
        >
          {t('marketing.filters.add')}
        </button>
      </div>
    </fieldset>
  );
}
