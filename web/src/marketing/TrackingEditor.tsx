import { useTranslation } from 'react-i18next';
import { Field } from './Field.tsx';
import { type FormProblem, reasonFor } from './problems.tsx';
import { ATTRIBUTION_KINDS, type AttributionKind, type TrackingIdentifier } from './types.ts';

/** An identifier being edited, with a key of its own for React while it has no id. */
export type TrackingRow = TrackingIdentifier & { key: number };

let nextKey = 0;
export const trackingRowsOf = (tracking: TrackingIdentifier[]): TrackingRow[] =>
  tracking.map((item) => ({ ...item, key: ++nextKey }));
export const identifiersOf = (rows: TrackingRow[]): TrackingIdentifier[] =>
  rows.map(({ kind, value }) => ({ kind, value: value.trim() }));

/** The identifiers that tag a source's leads: UTM values, promo codes, phone numbers… */
export function TrackingEditor({
  value,
  onChange,
  problem,
  defaultKind,
}: {
  value: TrackingRow[];
  onChange: (next: TrackingRow[]) => void;
  problem: FormProblem | null;
  defaultKind: AttributionKind;
}) {
  const { t } = useTranslation();
  const set = (index: number, change: Partial<TrackingRow>) =>
    onChange(value.map((item, i) => (i === index ? { ...item, ...change } : item)));
  const listReason = problem?.fields.tracking;

  return (
    <fieldset className="tracking-editor" data-testid="tracking-editor">
      <legend>{t('marketing.tracking.title')}</legend>
      <p className="muted">{t('marketing.tracking.hint')}</p>
      {value.length === 0 && <p className="muted">{t('marketing.tracking.none')}</p>}
      {value.map((item, index) => {
        return (
          <div className="tracking-row" key={item.key} data-testid="tracking-row">
            <Field label={t('marketing.tracking.kind')}>
              {(control) => (
                <select
                  {...control}
                  value={item.kind}
                  onChange={(event) => set(index, { kind: event.target.value as AttributionKind })}
                  data-testid="tracking-kind"
                >
                  {ATTRIBUTION_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`marketing.tracking.kinds.${kind}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('marketing.tracking.value')} reason={reasonFor(problem, `tracking.${index}`)}>
              {(control) => (
                <input
                  {...control}
                  value={item.value}
                  type={item.kind === 'tracking_phone' ? 'tel' : 'text'}
                  required
                  maxLength={500}
                  placeholder={t(`marketing.tracking.examples.${item.kind}`)}
                  onChange={(event) => set(index, { value: event.target.value })}
                  data-testid="tracking-value"
                />
              )}
            </Field>
            <button
              type="button"
              onClick={() => onChange(value.filter((_, i) => i !== index))}
              aria-label={t('marketing.tracking.remove', {
                kind: t(`marketing.tracking.kinds.${item.kind}`),
                value: item.value,
              })}
            >
              {t('marketing.tracking.removeShort')}
            </button>
          </div>
        );
      })}
      {listReason && (
        <p className="error" role="alert">
          {listReason}
        </p>
      )}
      <div>
        <button
          type="button"
          onClick={() => onChange([...value, { kind: defaultKind, value: '', key: ++nextKey }])}
          data-testid="tracking-add"
        >
          {t('marketing.tracking.add')}
        </button>
      </div>
    </fieldset>
  );
}

/** Identifiers as short tags for a list: "UTM campaign: spring_sale". */
export function TrackingTags({ tracking }: { tracking: TrackingIdentifier[] }) {
  const { t } = useTranslation();
  if (tracking.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="plain tracking-tags">
      {tracking.map((item) => (
        <li key={`${item.kind}:${item.value}`} className="tag">
          <span className="muted">{t(`marketing.tracking.kinds.${item.kind}`)}:</span> {item.value}
        </li>
      ))}
    </ul>
  );
}
