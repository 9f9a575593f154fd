import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf, patch } from '../api.ts';
import { type FieldErrors, fieldErrorsOf } from './data.ts';
import { type FieldDraft, FormFieldsEditor, fieldDraftOf, fieldOfDraft } from './FormFieldsEditor.tsx';
import { FormPreview } from './FormPreview.tsx';
import { SnippetPanel } from './SnippetPanel.tsx';
import type { CaptureForm, FormPatch, LocalizedText, NamedCampaign, NamedChannel } from './types.ts';
import { FieldError } from './ui.tsx';

/** Origins as typed, one a line (commas too). */
const originsOf = (text: string) =>
  text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);

/** Everything of a saved form but its key: fields, texts, where its leads go, who may embed it. */
export function FormEditor({
  form,
  campaigns,
  channels,
  canChange,
  onSaved,
  onClose,
}: {
  form: CaptureForm;
  campaigns: NamedCampaign[];
  channels: NamedChannel[];
  canChange: boolean;
  onSaved: (form: CaptureForm) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(form.name);
  const [fields, setFields] = useState<FieldDraft[]>(() => form.fields.map(fieldDraftOf));
  const [consentText, setConsentText] = useState<LocalizedText>(form.consentText);
  const [successMessage, setSuccessMessage] = useState<LocalizedText>(form.successMessage);
  const [campaignId, setCampaignId] = useState(form.campaignId ?? '');
  const [channelId, setChannelId] = useState(form.channelId ?? '');
  const [origins, setOrigins] = useState(form.allowedOrigins.join('\n'));
  const [active, setActive] = useState(form.active);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    setErrors({});
    const body: FormPatch = {
      name: name.trim(),
      fields: fields.map(fieldOfDraft),
      consentText,
      successMessage,
      campaignId: campaignId || null,
      channelId: channelId || null,
      allowedOrigins: originsOf(origins),
      active,
    };
    try {
      const saved = await patch<CaptureForm>(`/api/forms/${form.id}`, body);
      setOrigins(saved.allowedOrigins.join('\n'));
      setMessage({ ok: true, text: t('rules.forms.saved', { name: saved.name }) });
      onSaved(saved);
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setMessage({ ok: false, text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const err = (field: string) => (errors[field] ? `${id}-${field}` : undefined);
  const originErrors = Object.entries(errors).filter(([key]) => key.startsWith('allowedOrigins'));
  const localized = (
    field: 'consentText' | 'successMessage',
    value: LocalizedText,
    set: (v: LocalizedText) => void,
  ) => (
    <fieldset data-testid={`form-${field}`}>
      <legend>{t(`rules.forms.${field}`)}</legend>
      {(['en', 'ru'] as const).map((lang) => (
        <label key={lang}>
          {t(`rules.forms.languages.${lang}`)}
          <textarea
            rows={2}
            lang={lang}
            value={value[lang]}
            disabled={!canChange}
            onChange={(event) => set({ ...value, [lang]: event.target.value })}
            aria-describedby={err(`${field}.${lang}`)}
            data-testid={`form-${field}-${lang}`}
          />
          <FieldError errors={errors} name={`${field}.${lang}`} id={err(`${field}.${lang}`)} />
        </label>
      ))}
      {field === 'successMessage' && <p className="muted">{t('rules.forms.successHint')}</p>}
    </fieldset>
  );

  return (
    <div className="rules-form-layout">
      <form onSubmit={submit} className="stack card" noValidate data-testid="form-editor">
        <div className="rules-head">
          <h2>{t('rules.forms.editTitle', { name: form.name })}</h2>
          <button type="button" onClick={onClose} data-testid="form-editor-close">
            {t('rules.forms.backToList')}
          </button>
        </div>
        <p className="muted">
          {t('rules.forms.key')}: <code data-testid="form-key">{form.key}</code>
        </p>
        <fieldset disabled={!canChange} className="rules-plain-fieldset stack">
          <label>
            {t('rules.forms.name')}
            <input
              value={name}
              onChange={(event) => setName(event.target.value)}
              aria-invalid={Boolean(err('name'))}
              aria-describedby={err('name')}
              data-testid="form-name"
            />
          </label>
          <FieldError errors={errors} name="name" id={err('name')} />

          <fieldset>
            <legend>{t('rules.forms.fields')}</legend>
            <FormFieldsEditor drafts={fields} onChange={setFields} errors={errors} />
          </fieldset>
        </fieldset>
        {localized('consentText', consentText, setConsentText)}
        {localized('successMessage', successMessage, setSuccessMessage)}
        <fieldset disabled={!canChange} className="rules-plain-fieldset stack">
          <label>
            {t('rules.forms.campaign')}
            <select
              value={campaignId}
              onChange={(event) => setCampaignId(event.target.value)}
              aria-describedby={err('campaignId')}
              data-testid="form-campaign"
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
          <label>
            {t('rules.forms.channel')}
            <select
              value={channelId}
              onChange={(event) => setChannelId(event.target.value)}
              aria-describedby={err('channelId') ?? `${id}-channel-hint`}
              data-testid="form-channel"
            >
              <option value="">{t('rules.forms.noChannel')}</option>
              {channels.map((channel) => (
                <option key={channel.id} value={channel.id}>
                  {channel.name}
                </option>
              ))}
            </select>
            <span className="muted" id={`${id}-channel-hint`}>
              {t('rules.forms.channelHint')}
            </span>
          </label>
          <FieldError errors={errors} name="channelId" id={err('channelId')} />
          <label>
            {t('rules.forms.origins')}
            <textarea
              rows={3}
              value={origins}
              onChange={(event) => setOrigins(event.target.value)}
              placeholder="https://example.com"
              spellCheck={false}
              aria-invalid={originErrors.length > 0}
              aria-describedby={`${id}-origins-hint`}
              data-testid="form-origins"
            />
            <span className="muted" id={`${id}-origins-hint`}>
              {t('rules.forms.originsHint')}
            </span>
          </label>
          {originErrors.map(([key, reason]) => (
            <span key={key} className="error field-error" data-testid={`field-error-${key}`}>
              {t('rules.forms.originLine', { n: Number(key.split('.')[1] ?? 0) + 1 })} {reason}
            </span>
          ))}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={active}
              onChange={(event) => setActive(event.target.checked)}
              data-testid="form-active"
            />
            {t('rules.forms.active')}
          </label>
          {!active && <p className="muted">{t('rules.forms.inactiveHint')}</p>}
        </fieldset>
        <p className={message?.ok ? 'notice' : 'error'} role="status" data-testid="form-message">
          {message?.text}
        </p>
        {canChange && (
          <div className="actions">
            <button type="submit" className="primary" disabled={busy} data-testid="form-save">
              {t('rules.common.save')}
            </button>
          </div>
        )}
      </form>
      <div className="stack rules-form-side">
        <FormPreview fields={fields} consentText={consentText} successMessage={successMessage} />
        <SnippetPanel formId={form.id} version={form.updatedAt} />
      </div>
    </div>
  );
}
