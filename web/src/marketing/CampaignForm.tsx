import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch, post } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { Field } from './Field.tsx';
import { conditionsOf, type FilterRow, filterRowsOf, LeadFiltersEditor } from './LeadFiltersEditor.tsx';
import { FormError, type FormProblem, formProblemOf, reasonFor } from './problems.tsx';
import { identifiersOf, TrackingEditor, type TrackingRow, trackingRowsOf } from './TrackingEditor.tsx';
import { type Campaign, type Channel, PRICING_MODELS, type PricingModel } from './types.ts';

export const CURRENCIES = ['RUB', 'USD', 'EUR', 'KZT', 'BYN', 'UZS', 'GBP', 'CNY', 'TRY', 'AED'];

/** "1 234,5" as typed → "1234.5" as the API takes it; empty → null. */
export function decimalOf(text: string): string | null {
  const value = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  return value === '' ? null : value;
}

/** Creates a campaign, or changes one when `campaign` is given. */
export function CampaignForm({
  campaign,
  channels,
  defaultChannelId,
  defaultCurrency,
  onSaved,
  onClose,
}: {
  campaign: Campaign | null;
  channels: Channel[];
  defaultChannelId?: string | undefined;
  defaultCurrency: string;
  onSaved: (saved: Campaign) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(campaign?.name ?? '');
  const [channelId, setChannelId] = useState(campaign?.channelId ?? defaultChannelId ?? '');
  const [active, setActive] = useState(campaign?.active ?? true);
  const [startsOn, setStartsOn] = useState(campaign?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(campaign?.endsOn ?? '');
  const [pricingModel, setPricingModel] = useState<PricingModel>(campaign?.pricingModel ?? 'cpc');
  const [price, setPrice] = useState(campaign?.price ?? '');
  const [budget, setBudget] = useState(campaign?.budget ?? '');
  const [currency, setCurrency] = useState(campaign?.currency ?? defaultCurrency);
  const [averageMargin, setAverageMargin] = useState(campaign?.averageMargin ?? '');
  const [filters, setFilters] = useState<FilterRow[]>(() => filterRowsOf(campaign?.leadFilters ?? []));
  const [tracking, setTracking] = useState<TrackingRow[]>(() => trackingRowsOf(campaign?.tracking ?? []));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const hasPrice = pricingModel !== 'free' && pricingModel !== 'fixed';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const body = {
      name: name.trim(),
      channelId,
      active,
      startsOn: startsOn || null,
      endsOn: endsOn || null,
      pricingModel,
      price: hasPrice ? decimalOf(price) : null,
      budget: decimalOf(budget),
      // Empty: the server's default currency.
      ...(currency.trim() ? { currency: currency.trim().toUpperCase() } : {}),
      averageMargin: decimalOf(averageMargin),
      leadFilters: conditionsOf(filters),
      tracking: identifiersOf(tracking),
    };
    try {
      const saved = campaign
        ? await patch<Campaign>(`/api/campaigns/${campaign.id}`, body)
        : await post<Campaign>('/api/campaigns', body);
      onSaved(saved);
    } catch (failure) {
      setProblem(formProblemOf(failure));
      setBusy(false);
    }
  }

  const reason = (name: string) => reasonFor(problem, name);

  return (
    <Dialog
      title={campaign ? t('marketing.campaigns.editTitle') : t('marketing.campaigns.newTitle')}
      onClose={onClose}
      testId="campaign-dialog"
    >
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <FormError problem={problem} />
        <Field label={t('marketing.campaigns.name')} reason={reason('name')}>
          {(control) => (
            <input
              {...control}
              name="name"
              value={name}
              required
              maxLength={300}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('marketing.campaigns.channel')} reason={reason('channelId')}>
          {(control) => (
            <select
              {...control}
              name="channelId"
              value={channelId}
              required
              onChange={(event) => setChannelId(event.target.value)}
            >
              <option value="">{t('marketing.campaigns.chooseChannel')}</option>
              {channels
                .filter((c) => c.active || c.id === channelId)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <div className="form-grid">
          <Field label={t('marketing.campaigns.startsOn')} reason={reason('startsOn')}>
            {(control) => (
              <input
                {...control}
                type="date"
                name="startsOn"
                value={startsOn}
                max={endsOn || undefined}
                onChange={(event) => setStartsOn(event.target.value)}
              />
            )}
          </Field>
          <Field label={t('marketing.campaigns.endsOn')} reason={reason('endsOn')}>
            {(control) => (
              <input
                {...control}
                type="date"
                name="endsOn"
                value={endsOn}
                min={startsOn || undefined}
                onChange={(event) => setEndsOn(event.target.value)}
              />
            )}
          </Field>
        </div>
        <fieldset>
          <legend>{t('marketing.campaigns.pricing')}</legend>
          <div className="form-grid">
            <Field label={t('marketing.campaigns.pricingModel')} reason={reason('pricingModel')}>
              {(control) => (
                <select
                  {...control}
                  name="pricingModel"
                  value={pricingModel}
                  onChange={(event) => setPricingModel(event.target.value as PricingModel)}
                >
                  {PRICING_MODELS.map((model) => (
                    <option key={model} value={model}>
                      {t(`marketing.pricing.${model}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {hasPrice && (
              <Field label={t(`marketing.priceLabel.${pricingModel}`)} reason={reason('price')}>
                {(control) => (
                  <input
                    {...control}
                    name="price"
                    inputMode="decimal"
                    value={price}
                    onChange={(event) => setPrice(event.target.value)}
                  />
                )}
              </Field>
            )}
            <Field label={t('marketing.campaigns.currency')} reason={reason('currency')}>
              {(control) => (
                <>
                  <input
                    {...control}
                    name="currency"
                    value={currency}
                    list={`${id}-currencies`}
                    maxLength={3}
                    pattern="[A-Za-z]{3}"
                    autoCapitalize="characters"
                    onChange={(event) => setCurrency(event.target.value.toUpperCase())}
                  />
                  <datalist id={`${id}-currencies`}>
                    {CURRENCIES.map((code) => (
                      <option key={code} value={code} />
                    ))}
                  </datalist>
                </>
              )}
            </Field>
            <Field label={t('marketing.campaigns.budget')} reason={reason('budget')}>
              {(control) => (
                <input
                  {...control}
                  name="budget"
                  inputMode="decimal"
                  value={budget}
                  onChange={(event) => setBudget(event.target.value)}
                />
              )}
            </Field>
          </div>
          <Field
            label={t('marketing.campaigns.averageMargin')}
            hint={t('marketing.campaigns.averageMarginHint')}
            reason={reason('averageMargin')}
          >
            {(control) => (
              <input
                {...control}
                name="averageMargin"
                inputMode="decimal"
                value={averageMargin}
                onChange={(event) => setAverageMargin(event.target.value)}
              />
            )}
          </Field>
          <p className="muted">{t(`marketing.pricingHint.${pricingModel}`)}</p>
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />
          {t('marketing.campaigns.activeLabel')}
        </label>
        <TrackingEditor
          value={tracking}
          onChange={setTracking}
          problem={problem}
          defaultKind="utm_campaign"
        />
        <details open={filters.length > 0 || pricingModel === 'cpl'}>
          <summary>{t('marketing.filters.summary', { count: filters.length })}</summary>
          <LeadFiltersEditor value={filters} onChange={setFilters} problem={problem} />
        </details>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} data-testid="campaign-save">
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
