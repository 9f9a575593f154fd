import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../format.ts';
import { CampaignForm } from './CampaignForm.tsx';
import { CampaignStats } from './CampaignStats.tsx';
import { campaignDates } from './dates.ts';
import { useCampaign } from './hooks.ts';
import { usePricingText } from './pricing.ts';
import { TrackingTags } from './TrackingEditor.tsx';
import type { Channel, Condition } from './types.ts';

/** One campaign: its settings, then its daily costs and traffic. */
export function CampaignDetail({
  id,
  channels,
  canManage,
  onChanged,
}: {
  id: string;
  channels: Channel[];
  canManage: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const pricingText = usePricingText();
  const campaign = useCampaign(id);
  const [editing, setEditing] = useState(false);
  const data = campaign.data;

  return (
    <section aria-labelledby="campaign-title" data-testid="campaign-detail">
      <p>
        <Link to="/campaigns">← {t('marketing.campaigns.back')}</Link>
      </p>
      {campaign.error && (
        <p className="error" role="alert">
          {campaign.error}
        </p>
      )}
      {campaign.loading && !data && (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      )}
      {data && (
        <>
          <div className="page-head">
            <h1 id="campaign-title" className="wrap">
              {data.name}
              {!data.active && <span className="tag">{t('marketing.archivedTag')}</span>}
            </h1>
            {canManage && (
              <div className="row-actions">
                <button type="button" onClick={() => setEditing(true)} data-testid="campaign-edit">
                  {t('marketing.edit')}
                </button>
                <Link className="button" to={`/campaigns?tab=import&campaignId=${data.id}`}>
                  {t('marketing.campaigns.importCosts')}
                </Link>
              </div>
            )}
          </div>
          <div className="card">
            <dl className="campaign-facts">
              <dt>{t('marketing.campaigns.channel')}</dt>
              <dd>{channels.find((c) => c.id === data.channelId)?.name ?? '—'}</dd>
              <dt>{t('marketing.campaigns.pricing')}</dt>
              <dd data-testid="campaign-pricing">{pricingText(data)}</dd>
              <dt>{t('marketing.campaigns.budget')}</dt>
              <dd>{data.budget === null ? '—' : format.money(data.budget, data.currency)}</dd>
              <dt>{t('marketing.campaigns.averageMargin')}</dt>
              <dd>{data.averageMargin === null ? '—' : format.money(data.averageMargin, data.currency)}</dd>
              <dt>{t('marketing.campaigns.dates')}</dt>
              <dd>{campaignDates(data, format.locale)}</dd>
              <dt>{t('marketing.tracking.title')}</dt>
              <dd>
                <TrackingTags tracking={data.tracking} />
              </dd>
              <dt>{t('marketing.filters.title')}</dt>
              <dd>
                <FiltersText conditions={data.leadFilters} />
              </dd>
            </dl>
          </div>
          <CampaignStats campaign={data} canManage={canManage} />
          {editing && (
            <CampaignForm
              campaign={data}
              channels={channels}
              defaultCurrency={data.currency}
              onClose={() => setEditing(false)}
              onSaved={(saved) => {
                setEditing(false);
                campaign.setData(saved);
                onChanged();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

function FiltersText({ conditions }: { conditions: Condition[] }) {
  const { t } = useTranslation();
  if (conditions.length === 0) return <span className="muted">{t('marketing.filters.none')}</span>;
  return (
    <ul className="plain">
      {conditions.map((c) => (
        <li key={`${c.field}|${c.op}|${JSON.stringify(c.value)}`}>
          <code>{c.field}</code> {t(`marketing.filters.ops.${c.op}`)}{' '}
          {c.value === undefined ? '' : Array.isArray(c.value) ? c.value.join(', ') : String(c.value)}
        </li>
      ))}
    </ul>
  );
}
