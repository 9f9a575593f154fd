import { useTranslation } from 'react-i18next';

/** The reason a status needs: one of its configured reasons, or free text when it has none. */
export function ReasonField({
  reasons,
  value,
  onChange,
}: {
  reasons: { key: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  if (reasons.length === 0) {
    return (
      <label>
        {t('leads.reason')}
        <input name="reason" value={value} onChange={(event) => onChange(event.target.value)} required />
      </label>
    );
  }
  return (
    <label>
      {t('leads.reason')}
      <select name="reason" value={value} onChange={(event) => onChange(event.target.value)} required>
        <option value="">—</option>
        {reasons.map((reason) => (
          <option key={reason.key} value={reason.key}>
            {reason.label}
          </option>
        ))}
      </select>
    </label>
  );
}
