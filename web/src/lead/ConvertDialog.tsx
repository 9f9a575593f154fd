import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LeadDetail, messageOf, post } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { useApi } from '../hooks.ts';

type Suggestions = {
  contacts: { id: string; fullName: string; companyName: string | null }[];
  companies: { id: string; name: string }[];
};

/** Convert the lead into a contact (new or existing), a company and a deal in one request. */
export function ConvertDialog({
  lead,
  onClose,
  onDone,
}: {
  lead: LeadDetail;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const suggestions = useApi<Suggestions>(`/api/leads/${lead.id}/conversion-suggestions`);
  const [contact, setContact] = useState('new');
  const [company, setCompany] = useState(lead.company ? 'new' : 'none');
  const [withDeal, setWithDeal] = useState(true);
  const [dealTitle, setDealTitle] = useState(lead.fullName);
  const [amount, setAmount] = useState('0');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = {};
    if (contact === 'new') body.contact = { create: {} };
    else if (contact !== 'none') body.contact = { attach: contact };
    if (company === 'new') body.company = { create: {} };
    else if (company !== 'none') body.company = { attach: company };
    if (withDeal)
      body.deal = { title: dealTitle.trim() || undefined, amount: amount.trim() || '0', currency: 'RUB' };
    try {
      await post(`/api/leads/${lead.id}/convert`, body);
      onDone();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('convert.title')} onClose={onClose} testId="convert-dialog">
      <form className="stack" onSubmit={submit}>
        <label>
          {t('convert.contact')}
          <select value={contact} onChange={(event) => setContact(event.target.value)} name="contact">
            <option value="new">{t('convert.newContact')}</option>
            <option value="none">{t('convert.noContact')}</option>
            {suggestions.data?.contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {t('convert.existing', { name: c.fullName })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('convert.company')}
          <select value={company} onChange={(event) => setCompany(event.target.value)} name="company">
            <option value="none">{t('convert.noCompany')}</option>
            <option value="new">{t('convert.newCompany')}</option>
            {suggestions.data?.companies.map((c) => (
              <option key={c.id} value={c.id}>
                {t('convert.existing', { name: c.name })}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={withDeal} onChange={(event) => setWithDeal(event.target.checked)} />
          {t('convert.withDeal')}
        </label>
        {withDeal && (
          <>
            <label>
              {t('convert.dealTitle')}
              <input
                value={dealTitle}
                onChange={(event) => setDealTitle(event.target.value)}
                maxLength={300}
              />
            </label>
            <label>
              {t('convert.amount')}
              <input
                inputMode="decimal"
                value={amount}
                onChange={(event) => setAmount(event.target.value)}
                pattern="\d{1,14}(\.\d{1,2})?"
              />
            </label>
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy} data-testid="convert-submit">
            {t('convert.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
