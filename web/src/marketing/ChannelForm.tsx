import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch, post } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { Field } from './Field.tsx';
import { FormError, type FormProblem, formProblemOf, reasonFor } from './problems.tsx';
import { slugOf } from './slug.ts';
import { identifiersOf, TrackingEditor, type TrackingRow, trackingRowsOf } from './TrackingEditor.tsx';
import { CHANNEL_ORIGINS, type Channel, type ChannelOrigin } from './types.ts';

/** Creates a channel, or changes one when `channel` is given. */
export function ChannelForm({
  channel,
  onSaved,
  onClose,
}: {
  channel: Channel | null;
  onSaved: (saved: Channel) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(channel?.name ?? '');
  const [code, setCode] = useState(channel?.code ?? '');
  // A new channel's code follows its name until someone types a code of their own.
  const [codeTouched, setCodeTouched] = useState(Boolean(channel));
  const [origin, setOrigin] = useState<ChannelOrigin | ''>(channel?.origin ?? '');
  const [active, setActive] = useState(channel?.active ?? true);
  const [tracking, setTracking] = useState<TrackingRow[]>(() => trackingRowsOf(channel?.tracking ?? []));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const body = {
      name: name.trim(),
      code: code.trim(),
      origin: origin || null,
      active,
      tracking: identifiersOf(tracking),
    };
    try {
      const saved = channel
        ? await patch<Channel>(`/api/channels/${channel.id}`, body)
        : await post<Channel>('/api/channels', body);
      onSaved(saved);
    } catch (failure) {
      setProblem(formProblemOf(failure));
      setBusy(false);
    }
  }

  const reason = (name: string) => reasonFor(problem, name);

  return (
    <Dialog
      title={channel ? t('marketing.channels.editTitle') : t('marketing.channels.newTitle')}
      onClose={onClose}
      testId="channel-dialog"
    >
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <FormError problem={problem} />
        <Field label={t('marketing.channels.name')} reason={reason('name')}>
          {(control) => (
            <input
              {...control}
              name="name"
              value={name}
              required
              maxLength={200}
              onChange={(event) => {
                setName(event.target.value);
                if (!codeTouched) setCode(slugOf(event.target.value));
              }}
            />
          )}
        </Field>
        <Field
          label={t('marketing.channels.code')}
          hint={t('marketing.channels.codeHint')}
          reason={reason('code')}
        >
          {(control) => (
            <input
              {...control}
              name="code"
              value={code}
              required
              maxLength={64}
              pattern="[a-z0-9][a-z0-9_\-]*"
              onChange={(event) => {
                setCode(event.target.value);
                setCodeTouched(true);
              }}
            />
          )}
        </Field>
        <Field
          label={t('marketing.channels.origin')}
          hint={origin ? t(`marketing.channels.originHints.${origin}`) : undefined}
          reason={reason('origin')}
        >
          {(control) => (
            <select
              {...control}
              name="origin"
              value={origin}
              onChange={(event) => setOrigin(event.target.value as ChannelOrigin | '')}
            >
              <option value="">{t('marketing.channels.originNone')}</option>
              {CHANNEL_ORIGINS.map((o) => (
                <option key={o} value={o}>
                  {t(`marketing.channels.origins.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />
          {t('marketing.channels.activeLabel')}
        </label>
        <TrackingEditor value={tracking} onChange={setTracking} problem={problem} defaultKind="utm_source" />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} data-testid="channel-save">
            {busy ? t('marketing.saving') : t('marketing.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
