import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useRole } from '../session.tsx';
import { useCampaigns, useChannels, useForms } from './data.ts';
import { FormCreateDialog } from './FormCreateDialog.tsx';
import { FormEditor } from './FormEditor.tsx';
import { Loading, Problem } from './ui.tsx';
import './rules.css';

/**
 * Capture forms for the embeddable widget: the list, and one form's editor with its preview and
 * snippet (?form=<id>, so the browser's back button returns to the list).
 */
export function FormsPage() {
  const { t } = useTranslation();
  const { role } = useRole();
  const canChange = role === 'admin' || role === 'head' || role === 'marketer';
  const forms = useForms();
  const campaigns = useCampaigns();
  const channels = useChannels();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const selectedId = params.get('form');
  const list = forms.data?.items ?? [];
  const selected = list.find((form) => form.id === selectedId) ?? null;
  const campaignName = (id: string | null) =>
    id ? (campaigns.data?.items.find((c) => c.id === id)?.name ?? t('rules.common.unknownCampaign')) : '—';
  const open = (id: string | null) =>
    setParams(id ? new URLSearchParams({ form: id }) : new URLSearchParams());

  return (
    <section aria-labelledby="forms-title" className="rules-page">
      <div className="rules-head">
        <h1 id="forms-title">{t('rules.forms.title')}</h1>
        {canChange && !selected && (
          <button
            type="button"
            className="primary"
            onClick={() => setCreating(true)}
            data-testid="form-create"
          >
            {t('rules.forms.create')}
          </button>
        )}
      </div>
      <p className="muted">{t('rules.forms.intro')}</p>
      {!canChange && <p className="muted">{t('rules.forms.onlyManagers')}</p>}
      <Problem error={forms.error} />
      {forms.loading && !forms.data && <Loading />}
      {forms.data && selectedId && !selected && (
        <p className="error" role="alert">
          {t('rules.forms.notFound')}
        </p>
      )}

      {selected ? (
        <FormEditor
          key={selected.id}
          form={selected}
          campaigns={campaigns.data?.items ?? []}
          channels={channels.data?.items ?? []}
          canChange={canChange}
          onClose={() => open(null)}
          onSaved={(saved) =>
            forms.setData({ items: list.map((form) => (form.id === saved.id ? saved : form)) })
          }
        />
      ) : (
        <>
          {forms.data && list.length === 0 && (
            <p className="muted" data-testid="forms-empty">
              {t('rules.forms.empty')}
            </p>
          )}
          {list.length > 0 && (
            <div className="table-wrap">
              <table data-testid="forms-table">
                <thead>
                  <tr>
                    <th scope="col">{t('rules.forms.name')}</th>
                    <th scope="col" className="hide-narrow">
                      {t('rules.forms.key')}
                    </th>
                    <th scope="col">{t('rules.forms.campaign')}</th>
                    <th scope="col" className="hide-narrow">
                      {t('rules.forms.fields')}
                    </th>
                    <th scope="col">{t('rules.forms.state')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('rules.common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((form) => (
                    <tr key={form.id} data-testid="form-row" className={form.active ? '' : 'rules-inactive'}>
                      <td>{form.name}</td>
                      <td className="hide-narrow">
                        <code>{form.key}</code>
                      </td>
                      <td>{campaignName(form.campaignId)}</td>
                      <td className="hide-narrow">
                        {t('rules.forms.fieldCount', { count: form.fields.length })}
                      </td>
                      <td>{form.active ? t('rules.common.active') : t('rules.common.inactive')}</td>
                      <td>
                        <button
                          type="button"
                          onClick={() => open(form.id)}
                          aria-label={t('rules.forms.openNamed', { name: form.name })}
                          data-testid="form-open"
                        >
                          {canChange ? t('rules.common.edit') : t('rules.forms.open')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}

      {creating && (
        <FormCreateDialog
          campaigns={campaigns.data?.items ?? []}
          onClose={() => setCreating(false)}
          onCreated={(form) => {
            setCreating(false);
            forms.setData({ items: [...list, form] });
            open(form.id);
          }}
        />
      )}
    </section>
  );
}
