import { type ReactNode, useId } from 'react';

export type ControlProps = {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
};

/**
 * A labelled form control with its hint and the server's reason for it. The hint and the reason sit
 * outside the <label>, so the control's name is just the label; they are its description.
 */
export function Field({
  label,
  hint,
  reason,
  className,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  reason?: string | undefined;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : '';
  const errorId = reason ? `${id}-error` : '';
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
        'aria-invalid': reason ? true : undefined,
      })}
      {hint && (
        <span id={hintId} className="muted">
          {hint}
        </span>
      )}
      {reason && (
        <span id={errorId} className="field-error" data-testid="field-error">
          {reason}
        </span>
      )}
    </div>
  );
}
