// The leadflow capture form: one script, no framework. It fills each `[data-leadflow-form="KEY"]`
// element with the form KEY, as configured in leadflow, and sends what the visitor enters to the
// capture API with the page's attribution. Every visible string is set as text, never as HTML.

type Lang = 'en' | 'ru';
type Localized = Record<Lang, string>;
type Field = {
  name: string;
  label: Localized;
  type: 'text' | 'tel' | 'email' | 'textarea' | 'checkbox';
  required: boolean;
};
type PublicForm = {
  key: string;
  fields: Field[];
  consentText: Localized;
  successMessage: Localized;
  serverTime: number;
};
type InvalidParam = { name: string; reason: string; code?: string };

const MESSAGES = {
  en: {
    send: 'Send',
    sending: 'Sending…',
    loadFailed: 'The form could not be loaded. Please try again later.',
    network: 'The form could not be sent. Check your connection and try again.',
    invalid: 'Please correct the marked fields.',
    refused: 'This form is not set up correctly: the server refused it.',
    busy: 'Too many requests. Please try again in a minute.',
    failed: 'The form could not be sent. Please try again later.',
    required: 'Please fill in this field.',
    invalid_phone: 'This is not a valid phone number.',
    invalid_email: 'This is not a valid email address.',
  },
  ru: {
    send: 'Отправить',
    sending: 'Отправляем…',
    loadFailed: 'Не удалось загрузить форму. Попробуйте позже.',
    network: 'Не удалось отправить форму. Проверьте подключение и попробуйте ещё раз.',
    invalid: 'Исправьте отмеченные поля.',
    refused: 'Форма настроена неверно: сервер её не принял.',
    busy: 'Слишком много запросов. Попробуйте через минуту.',
    failed: 'Не удалось отправить форму. Попробуйте позже.',
    required: 'Заполните это поле.',
    invalid_phone: 'Это не номер телефона.',
    invalid_email: 'Это не адрес электронной почты.',
  },
} as const;
type MessageKey = keyof (typeof MESSAGES)['en'];

const ATTRIBUTION_PARAMS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_content',
  'utm_term',
  'gclid',
  'yclid',
  'fbclid',
  'msclkid',
  'ttclid',
  'vkclid',
];
const VISITOR_KEY = 'leadflow_visitor_id';
const STYLE_ID = 'leadflow-form-style';
const CSS =
  '.lf-form{max-width:28rem}.lf-field{margin:0 0 .75rem}.lf-field>label{display:block;margin:0 0 .25rem}' +
  '.lf-form input:not([type=checkbox]),.lf-form textarea{box-sizing:border-box;width:100%;padding:.5rem;font:inherit}' +
  '.lf-check{display:flex;gap:.5rem;align-items:flex-start}.lf-error{display:block;color:#b00020;font-size:.875em}' +
  '.lf-status{margin:.5rem 0}.lf-status:empty{display:none}.lf-status.lf-bad{color:#b00020}' +
  '.lf-trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}';

const script = document.currentScript as HTMLScriptElement | null;

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

let memoryVisitorId: string | undefined;
/** The same id for one browser across visits, so repeat inquiries are recognised. */
function visitorId(): string {
  try {
    let id = localStorage.getItem(VISITOR_KEY);
    if (!id) {
      id = randomId();
      localStorage.setItem(VISITOR_KEY, id);
    }
    return id;
  } catch {
    // Storage can be off (privacy modes): keep one id for this page view.
    memoryVisitorId ??= randomId();
    return memoryVisitorId;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function languageOf(container: HTMLElement): Lang {
  const lang = container.dataset.lang || script?.dataset.lang || document.documentElement.lang || '';
  return lang.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

function apiBase(container: HTMLElement): string {
  const given = container.dataset.api || script?.dataset.api;
  if (given) return given.replace(/\/+$/, '');
  return script?.src ? new URL(script.src).origin : location.origin;
}

function attributionOfPage(): Record<string, string> {
  const result: Record<string, string> = { landingPage: location.href };
  if (document.referrer) result.referrer = document.referrer;
  const params = new URLSearchParams(location.search);
  for (const name of ATTRIBUTION_PARAMS) {
    const value = params.get(name);
    if (value) result[name] = value;
  }
  return result;
}

async function mount(container: HTMLElement): Promise<void> {
  if (container.dataset.leadflowReady) return;
  container.dataset.leadflowReady = '1';
  const key = container.dataset.leadflowForm ?? '';
  const lang = languageOf(container);
  const t = (name: MessageKey) => MESSAGES[lang][name];
  const base = apiBase(container);
  const token = container.dataset.token || script?.dataset.token || '';

  let form: PublicForm;
  try {
    const response = await fetch(`${base}/api/forms/public/${encodeURIComponent(key)}`);
    if (!response.ok) throw new Error(`status ${response.status}`);
    form = (await response.json()) as PublicForm;
  } catch {
    container.replaceChildren(el('p', { class: 'lf-status lf-bad', role: 'alert' }, t('loadFailed')));
    return;
  }
  // The server checks the fill time against its own clock: state the shown time in it.
  const clockOffset = form.serverTime - Date.now();

  const formEl = el('form', { class: 'lf-form', 'data-leadflow-key': form.key });
  const errors = new Map<string, HTMLElement>();
  const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
  const uid = randomId().slice(0, 8);

  const addError = (name: string, wrapper: HTMLElement, control: HTMLElement) => {
    const error = el('span', { class: 'lf-error', id: `lf-${uid}-${name}-error`, 'aria-live': 'polite' });
    control.setAttribute('aria-describedby', error.id);
    wrapper.append(error);
    errors.set(name, error);
  };

  for (const field of form.fields) {
    const id = `lf-${uid}-${field.name}`;
    const wrapper = el('div', { class: 'lf-field', 'data-field': field.name });
    const label = field.label[lang] || field.label.en;
    let control: HTMLInputElement | HTMLTextAreaElement;
    if (field.type === 'textarea') {
      control = el('textarea', { id, name: field.name, rows: '4' });
    } else {
      control = el('input', { id, name: field.name, type: field.type });
      if (field.type === 'tel') control.setAttribute('autocomplete', 'tel');
      if (field.type === 'email') control.setAttribute('autocomplete', 'email');
      if (field.name === 'name') control.setAttribute('autocomplete', 'name');
    }
    control.required = field.required;
    if (field.type === 'checkbox') {
      const row = el('label', { class: 'lf-check', for: id });
      row.append(control, el('span', {}, label));
      wrapper.append(row);
    } else {
      wrapper.append(el('label', { for: id }, label), control);
    }
    addError(field.name, wrapper, control);
    inputs.set(field.name, control);
    formEl.append(wrapper);
  }

  // People never see or fill this field; form-filling robots do.
  const trap = el('div', { class: 'lf-trap', 'aria-hidden': 'true' });
  const honeypot = el('input', { type: 'text', name: 'honeypot', tabindex: '-1', autocomplete: 'off' });
  trap.append(honeypot);
  formEl.append(trap);

  const consentText = form.consentText[lang] || form.consentText.en;
  let consentBox: HTMLInputElement | undefined;
  if (consentText) {
    const id = `lf-${uid}-consent`;
    const wrapper = el('div', { class: 'lf-field lf-consent', 'data-field': 'consent' });
    consentBox = el('input', { id, type: 'checkbox', name: 'consent' });
    consentBox.required = true;
    const row = el('label', { class: 'lf-check', for: id });
    row.append(consentBox, el('span', {}, consentText));
    wrapper.append(row);
    addError('consent', wrapper, consentBox);
    formEl.append(wrapper);
  }

  const status = el('div', { class: 'lf-status', role: 'status', 'aria-live': 'polite' });
  const button = el('button', { type: 'submit' }, t('send'));
  formEl.append(status, button);
  container.replaceChildren(formEl);
  const shownAt = Date.now() + clockOffset;

  let lastAttempt: { body: string; key: string } | undefined;

  const showStatus = (text: string, bad: boolean) => {
    status.textContent = text;
    status.className = bad ? 'lf-status lf-bad' : 'lf-status';
  };

  const showFieldErrors = (params: InvalidParam[]) => {
    const unplaced: string[] = [];
    for (const param of params) {
      const name = param.name.split(/[.[]/)[0] ?? '';
      const target = errors.get(name);
      const known = param.code && param.code in MESSAGES[lang] ? t(param.code as MessageKey) : undefined;
      const given = lang === 'en' || !known ? param.reason : known;
      const reason = given.charAt(0).toUpperCase() + given.slice(1);
      if (target) {
        target.textContent = reason;
        inputs.get(name)?.setAttribute('aria-invalid', 'true');
      } else {
        unplaced.push(reason);
      }
    }
    showStatus([t('invalid'), ...unplaced].join(' '), true);
  };

  formEl.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const error of errors.values()) error.textContent = '';
    for (const input of inputs.values()) input.removeAttribute('aria-invalid');
    showStatus('', false);

    const values: Record<string, unknown> = {};
    for (const [name, input] of inputs) {
      if (input instanceof HTMLInputElement && input.type === 'checkbox') values[name] = input.checked;
      else if (input.value.trim()) values[name] = input.value.trim();
    }
    const payload: Record<string, unknown> = {
      ...values,
      ...attributionOfPage(),
      formId: form.key,
      visitorId: visitorId(),
      formShownAt: shownAt,
      ...(honeypot.value ? { honeypot: honeypot.value } : {}),
      ...(consentBox ? { consent: { given: consentBox.checked, text: consentText } } : {}),
    };
    const body = JSON.stringify(payload);
    // A retry of the same entries after a failure keeps its key, so it never makes a second lead.
    const idempotencyKey = lastAttempt?.body === body ? lastAttempt.key : randomId();
    lastAttempt = { body, key: idempotencyKey };

    button.disabled = true;
    button.textContent = t('sending');
    try {
      let response: Response;
      try {
        response = await fetch(`${base}/api/leads`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'idempotency-key': idempotencyKey,
          },
          body,
        });
      } catch {
        showStatus(t('network'), true);
        return;
      }
      if (response.ok) {
        const name = typeof values.name === 'string' ? values.name : '';
        const message = (form.successMessage[lang] || form.successMessage.en).replace('{name}', name);
        container.replaceChildren(el('p', { class: 'lf-status lf-success', role: 'status' }, message));
        container.dispatchEvent(new CustomEvent('leadflow:sent', { bubbles: true }));
        return;
      }
      const problem = (await response.json().catch(() => ({}))) as { invalid_params?: InvalidParam[] };
      if ((response.status === 422 || response.status === 400) && problem.invalid_params?.length) {
        showFieldErrors(problem.invalid_params);
      } else if (response.status === 401 || response.status === 403) {
        showStatus(t('refused'), true);
      } else if (response.status === 429) {
        showStatus(t('busy'), true);
      } else {
        showStatus(t('failed'), true);
      }
    } finally {
      button.disabled = false;
      button.textContent = t('send');
    }
  });
}

function mountAll(): void {
  for (const container of document.querySelectorAll<HTMLElement>('[data-leadflow-form]')) {
    void mount(container);
  }
}

if (!document.getElementById(STYLE_ID)) {
  const style = el('style', { id: STYLE_ID }, CSS);
  document.head.append(style);
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
else mountAll();
