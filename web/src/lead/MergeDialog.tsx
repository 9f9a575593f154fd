import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf, post } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { useFormat } from '../format.ts';
import { useApi, useStatusLabel } from '../hooks.ts';
import type { LeadNames } from './names.ts';
import type { Address, MergeableLead, MergeBody, MergeField } from './types.ts';

type Side = 'this' | 'other';

/** A row of the comparison: chosen per field, joined (contacts), or taken from the card that stays. */
type Row = {
  key: string;
  label: string;
  value: (lead: MergeableLead) => string;
  how: 'choose' | 'joined' | 'survivor';
  /** The merge fields a choice sets (MergeBodySchema.prefer). */
  fields?: MergeField[];
};

const addressText = (address: Address | null) =>
  address
    ? [
        address.postcode,
        address.country,
        address.region,
        address.city,
        address.line1,
        address.streetNumber,
        address.line2,
      ]
        .filter(Boolean)
        .join(', ')
    : '';

/**
 * Two leads side by side, differences highlighted: the person picks the card that stays and, where
 * both cards hold different values, which value to keep. Contacts of both are joined; owner,
 * channel and campaign come from the card that stays when it has them.
 */
export function MergeDialog({
  lead,
  otherId,
  names,
  onClose,
  onMerged,
}: {
  lead: MergeableLead;
  otherId: string;
  names: LeadNames;
  onClose: () => void;
  onMerged: (survivorId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const statusLabel = useStatusLabel();
  const other = useApi<MergeableLead>(`/api/leads/${otherId}`);
  const [survivor, setSurvivor] = useState<Side>('this');
  const [chosen, setChosen] = useState<Record<string, Side>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const rows: Row[] = [
    {
      key: 'name',
      label: t('leadField.fullName'),
      value: (l) => l.fullName,
      how: 'choose',
      fields: ['firstName', 'lastName', 'middleName'],
    },
    {
      key: 'company',
      label: t('leadField.company'),
      value: (l) => l.company ?? '',
      how: 'choose',
      fields: ['company'],
    },
    {
      key: 'position',
      label: t('leadField.position'),
      value: (l) => l.position ?? '',
      how: 'choose',
      fields: ['position'],
    },
    {
      key: 'interest',
      label: t('leadField.interest'),
      value: (l) => l.interest ?? '',
      how: 'choose',
      fields: ['interest'],
    },
    {
      key: 'address',
      label: t('leadField.address'),
      value: (l) => addressText(l.address),
      how: 'choose',
      fields: ['address'],
    },
    { key: 'phones', label: t('leadField.phones'), value: (l) => l.phones.join(', '), how: 'joined' },
    { key: 'emails', label: t('leadField.emails'), value: (l) => l.emails.join(', '), how: 'joined' },
    {
      key: 'status',
      label: t('leadField.status'),
      value: (l) => statusLabel(l.status, i18n.language),
      how: 'survivor',
    },
    {
      key: 'owner',
      label: t('leadField.owner'),
      value: (l) => (l.ownerId ? (names.user(l.ownerId) ?? t('timelineEvent.someone')) : ''),
      how: 'survivor',
    },
    {
      key: 'channel',
      label: t('leadField.channel'),
      value: (l) => (l.channelId ? (names.channel(l.channelId) ?? '') : ''),
      how: 'survivor',
    },
    {
      key: 'campaign',
      label: t('leadField.campaign'),
      value: (l) => (l.campaignId ? (names.campaign(l.campaignId) ?? '') : ''),
      how: 'survivor',
    },
    {
      key: 'created',
      label: t('leadField.created'),
      value: (l) => format.dateTime(l.createdAt),
      how: 'survivor',
    },
  ];

  const otherLead = other.data;
  const leadOf = (side: Side) => (side === 'this' ? lead : otherLead);
  /** The side whose value a row keeps: the person's choice, else the card that stays unless it is empty. */
  const sideOf = (row: Row): Side => {
    const choice = chosen[row.key];
    if (choice) return choice;
    const kept = leadOf(survivor);
    return kept && row.value(kept) ? survivor : survivor === 'this' ? 'other' : 'this';
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!otherLead) return;
    setBusy(true);
    setError(null);
    const target = survivor === 'this' ? lead : otherLead;
    const source = survivor === 'this' ? otherLead : lead;
    const prefer: NonNullable<MergeBody['prefer']> = {};
    for (const row of rows) {
      for (const field of row.fields ?? []) prefer[field] = sideOf(row) === survivor ? 'target' : 'source';
    }
    try {
      await post(`/api/leads/${target.id}/merge`, { sourceId: source.id, prefer } satisfies MergeBody);
      onMerged(target.id);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const name = (l: MergeableLead) => l.fullName || t('leads.noName');

  return (
    <Dialog title={t('merge.title')} onClose={onClose} testId="merge-dialog">
      {!otherLead && !other.error && (
        <p className="muted" role="status">
          {t('merge.loading')}
        </p>
      )}
      {other.error && (
        <p className="error" role="alert">
          {other.error}
        </p>
      )}
      {otherLead && (
        <form className="stack" onSubmit={submit}>
          <p className="muted">{t('merge.intro')}</p>
          <fieldset className="survivor-choice">
            <legend>{t('merge.survivor')}</legend>
            {(['this', 'other'] as const).map((side) => {
              const card = side === 'this' ? lead : otherLead;
              return (
                <label key={side} className="checkbox">
                  <input
                    type="radio"
                    name="survivor"
                    value={side}
                    checked={survivor === side}
                    data-testid={`merge-keep-${side}`}
                    onChange={() => {
                      setSurvivor(side);
                      setChosen({});
                    }}
                  />
                  {t('merge.keepNamed', { name: name(card) })}
                </label>
              );
            })}
          </fieldset>
          <div className="table-wrap">
            <table className="compact merge-table" data-testid="merge-table">
              <thead>
                <tr>
                  <th scope="col">{t('merge.field')}</th>
                  {(['this', 'other'] as const).map((side) => (
                    <th key={side} scope="col" className={survivor === side ? 'survivor' : ''}>
                      {side === 'this' ? t('merge.thisLead') : t('merge.otherLead')}
                      <div className="muted wrap">{name(side === 'this' ? lead : otherLead)}</div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const values = { this: row.value(lead), other: row.value(otherLead) };
                  const differs = values.this !== values.other;
                  const choosable =
                    row.how === 'choose' && differs && values.this !== '' && values.other !== '';
                  const kept = sideOf(row);
                  return (
                    <tr
                      key={row.key}
                      className={differs ? 'differs' : ''}
                      data-testid={`merge-row-${row.key}`}
                      data-differs={differs}
                    >
                      <th scope="row">
                        {row.label}
                        {differs && <span className="visually-hidden"> ({t('merge.differs')})</span>}
                        {row.how === 'joined' && differs && <div className="muted">{t('merge.joined')}</div>}
                        {row.how === 'survivor' && differs && (
                          <div className="muted">{t('merge.fromSurvivor')}</div>
                        )}
                      </th>
                      {(['this', 'other'] as const).map((side) => (
                        <td
                          key={side}
                          className={`wrap pre-wrap ${row.how === 'choose' && differs && kept === side ? 'kept' : ''}`}
                          data-testid={`merge-${row.key}-${side}`}
                        >
                          {choosable ? (
                            <label className="checkbox value-choice">
                              <input
                                type="radio"
                                name={`value-${row.key}`}
                                checked={kept === side}
                                onChange={() => setChosen((current) => ({ ...current, [row.key]: side }))}
                                data-testid={`merge-use-${row.key}-${side}`}
                              />
                              <span>{values[side]}</span>
                            </label>
                          ) : (
                            values[side] || '—'
                          )}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="warning">{t('merge.irreversible')}</p>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="row">
            <button type="submit" className="primary" disabled={busy} data-testid="merge-submit">
              {t('merge.submit')}
            </button>
            <button type="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
