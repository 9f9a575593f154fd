import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf, post } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { type FieldErrors, fieldErrorsOf } from './data.ts';
import type { CaptureForm, FormCreate, NamedCampaign } from './types.ts';
import { FieldError } from './ui.tsx';

/**
 * A new form from a name (and optionally its key and campaign); the server gives it the default
 * fields (name, phone, email) and texts, which the editor then shows for change.
 */
export function FormCreateDialog({
  campaigns,
  onClose,
  onCreated,
}: {
  campaigns: NamedCampaign[];
  onClose: () => void;
  onCreated: (form: CaptureForm) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const body: FormCreate = {
      name: name.trim(),
      ...(key.trim() ? { key: key.trim() } : {}),
      campaignId: campaignId || null,
    };
    try {
      onCreated(await post<CaptureForm>('/api/forms', body));
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const err = (field: string) => (errors[field] ? `${id}-${field}` : undefined);
  return (
    <Dialog title={t('rules.forms.createTitle')} onClose={onClose} testId="form-create-dialog">
      <form className="stack" onSubmit={submit} noValidate>
        <label>
          {t('rules.forms.name')}
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={300}
            aria-invalid={Boolean(err('name'))}
            aria-describedby={err('name')}
            data-testid="form-create-name"
          />
        </label>
        <FieldError errors={errors} name="name" id={err('name')} />
        <label>
          {t('rules.forms.keyOptional')}
          <input
            value={key}
            onChange={(event) => setKey(event.target.value)}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={Boolean(err('key'))}
            aria-describedby={err('key') ?? `${id}-key-hint`}
            data-testid="form-create-key"
          />
          <span className="muted" id={`${id}-key-hint`}>
            {t('rules.forms.keyHint')}
          </span>
        </label>
        <FieldError errors={errors} name="key" id={err('key')} />
        <label>
          {t('rules.forms.campaign')}
          <select
            value={campaignId}
            onChange={(event) => setCampaignId(event.target.value)}
            aria-describedby={err('campaignId')}
            data-testid="form-create-campaign"
          >
            <option value="">{t('rules.forms.noCampaign')}</option>
            {campaigns.map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.name}
              </option>
            ))}
          </select>
        </label>
        <FieldError errors={errors} name="campaignId" id={err('campaignId')} />
        <p className="muted">{t('rules.forms.createHint')}</p>
        {problem && (
          <p className="error" role="alert" data-testid="form-create-problem">
            {problem}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} data-testid="form-create-submit">
            {t('rules.forms.createSubmit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
