import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDraft } from './FormFieldsEditor.tsx';
import type { LocalizedText } from './types.ts';

type Lang = 'en' | 'ru';

/**
 * The form as a visitor will see it, from what is being edited (before it is saved), in either
 * language. Inert: it shows, it does not send.
 */
export function FormPreview({
  fields,
  consentText,
  successMessage,
}: {
  fields: FieldDraft[];
  consentText: LocalizedText;
  successMessage: LocalizedText;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [lang, setLang] = useState<Lang>(i18n.language === 'ru' ? 'ru' : 'en');
  const text = (value: LocalizedText) => value[lang] || value.en;
  // The preview speaks the visitor's language, which need not be the UI's.
  const inLang = i18n.getFixedT(lang);

  return (
    <section aria-labelledby={`${id}-title`} className="card rules-preview" data-testid="form-preview">
      <div className="rules-head">
        <h2 id={`${id}-title`}>{t('rules.forms.preview')}</h2>
        <label className="inline-label">
          {t('rules.forms.previewLanguage')}
          <select value={lang} onChange={(event) => setLang(event.target.value as Lang)}>
            <option value="en">{t('rules.forms.languages.en')}</option>
            <option value="ru">{t('rules.forms.languages.ru')}</option>
          </select>
        </label>
      </div>
      <div className="rules-preview-form" inert lang={lang}>
        {fields.map((field) => {
          const label = text(field.label) || field.name;
          const inputId = `${id}-${field.rowId}`;
          if (field.type === 'checkbox') {
            return (
              <p key={field.rowId}>
                <label className="checkbox" htmlFor={inputId}>
                  <input id={inputId} type="checkbox" />
                  {label}
                  {field.required && ' *'}
                </label>
              </p>
            );
          }
          return (
            <p key={field.rowId}>
              <label htmlFor={inputId}>
                {label}
                {field.required && ' *'}
                {field.type === 'textarea' ? (
                  <textarea id={inputId} rows={3} />
                ) : (
                  <input id={inputId} type={field.type} />
                )}
              </label>
            </p>
          );
        })}
        {text(consentText) && (
          <p>
            <label className="checkbox">
              <input type="checkbox" />
              {text(consentText)}
            </label>
          </p>
        )}
        <button type="button" className="primary">
          {inLang('rules.forms.send')}
        </button>
      </div>
      <p className="muted">
        {t('rules.forms.afterSending')} <span className="wrap">{text(successMessage)}</span>
      </p>
    </section>
  );
}
