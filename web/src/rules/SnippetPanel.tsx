import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../api.ts';
import { useApi } from '../hooks.ts';

type Lang = 'en' | 'ru';

/**
 * The HTML a site owner pastes into a page (GET /api/forms/:id/snippet), read-only, with a copy
 * button. The capture token goes into it only when given; the placeholder CAPTURE_TOKEN otherwise.
 */
export function SnippetPanel({ formId, version }: { formId: string; version: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [lang, setLang] = useState<Lang>(i18n.language === 'ru' ? 'ru' : 'en');
  const [token, setToken] = useState('');
  const [appliedToken, setAppliedToken] = useState('');
  const [copied, setCopied] = useState<'yes' | 'manual' | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  // `version` (the form's updatedAt) is in the query so a saved change fetches a new snippet.
  const snippet = useApi<{ html: string }>(
    withQuery(`/api/forms/${formId}/snippet`, { lang, token: appliedToken || undefined, v: version }),
  );

  const copy = async () => {
    const html = snippet.data?.html ?? '';
    try {
      await navigator.clipboard.writeText(html);
      setCopied('yes');
    } catch {
      // No clipboard here (plain http, or refused): the text is selected for Ctrl+C instead.
      area.current?.focus();
      area.current?.select();
      setCopied('manual');
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="card" data-testid="form-snippet">
      <h2 id={`${id}-title`}>{t('rules.forms.snippet')}</h2>
      <p className="muted">{t('rules.forms.snippetHelp')}</p>
      <div className="inline-form">
        <label>
          {t('rules.forms.snippetLanguage')}
          <select value={lang} onChange={(event) => setLang(event.target.value as Lang)}>
            <option value="en">{t('rules.forms.languages.en')}</option>
            <option value="ru">{t('rules.forms.languages.ru')}</option>
          </select>
        </label>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            setAppliedToken(token.trim());
          }}
        >
          <label>
            {t('rules.forms.snippetToken')}
            <input
              value={token}
              onChange={(event) => setToken(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={`${id}-token-hint`}
              data-testid="snippet-token"
            />
          </label>
          <button type="submit">{t('rules.forms.snippetApplyToken')}</button>
        </form>
      </div>
      <p className="muted" id={`${id}-token-hint`}>
        {t('rules.forms.snippetTokenHint')}
      </p>
      {snippet.error && (
        <p className="error" role="alert">
          {snippet.error}
        </p>
      )}
      <label>
        {t('rules.forms.snippetCode')}
        <textarea
          ref={area}
          readOnly
          rows={8}
          className="rules-code"
          value={snippet.data?.html ?? ''}
          onFocus={(event) => event.target.select()}
          spellCheck={false}
          data-testid="snippet-code"
        />
      </label>
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => void copy()}
          disabled={!snippet.data}
          data-testid="snippet-copy"
        >
          {t('rules.forms.copy')}
        </button>
        <span className="muted" role="status" data-testid="snippet-copied">
          {copied === 'yes' && t('rules.forms.copied')}
          {copied === 'manual' && t('rules.forms.copyManually')}
        </span>
      </div>
    </section>
  );
}
