import { useTranslation } from 'react-i18next';
import { ApiError, messageOf } from '../api.ts';

/** A failed save: the message to show above the form and each field's reason by its name. */
export type FormProblem = { message: string; fields: Record<string, string> };

/** Splits a server problem into its message and `invalid_params` by field name (`tracking.0.value`). */
export function formProblemOf(error: unknown): FormProblem {
  const fields: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const param of error.problem.invalid_params ?? []) {
      fields[param.name] = fields[param.name] ? `${fields[param.name]}; ${param.reason}` : param.reason;
    }
  }
  return { message: messageOf(error), fields };
}

/** The reasons given for a field and the fields under it (`tracking` → `tracking.0.value` too). */
export function reasonFor(problem: FormProblem | null, name: string): string | undefined {
  if (!problem) return undefined;
  const reasons = Object.entries(problem.fields)
    .filter(([field]) => field === name || field.startsWith(`${name}.`))
    .map(([, reason]) => reason);
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/**
 * The form's error, announced when it appears. With field problems (shown by their fields) it says
 * so in the UI language; the server's own wording follows for what no field shows.
 */
export function FormError({ problem }: { problem: FormProblem | null }) {
  const { t } = useTranslation();
  if (!problem) return null;
  const byField = Object.keys(problem.fields).length > 0;
  return (
    <div className="error" role="alert" data-testid="form-error">
      {byField ? <p>{t('marketing.checkFields')}</p> : <p>{problem.message}</p>}
      {byField && (
        <p className="muted" lang="en">
          {problem.message}
        </p>
      )}
    </div>
  );
}
