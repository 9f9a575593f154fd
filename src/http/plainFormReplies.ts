import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../store/db.ts';
import { findActiveFormByKey } from '../store/forms.ts';
import { requestLocale } from './i18n/requestLocale.ts';

// A visitor without scripts sends the embed snippet's plain form and the browser shows whatever
// the capture API answers. For such posts (a form body, a browser asking for HTML) the JSON answer
// becomes a short page in the visitor's language; API clients keep getting JSON.

const FORM_TYPE = /^application\/x-www-form-urlencoded\b/i;

const TEXT = {
  en: {
    title: 'Thank you',
    sent: 'Thank you! We will contact you soon.',
    failedTitle: 'The form was not sent',
    failed: 'The form could not be sent:',
    refused: 'This form is not set up correctly: the server refused it.',
    later: 'Please try again later.',
    back: 'Back to the site',
  },
  ru: {
    title: 'Спасибо',
    sent: 'Спасибо! Мы скоро свяжемся с вами.',
    failedTitle: 'Форма не отправлена',
    failed: 'Не удалось отправить форму:',
    refused: 'Форма настроена неверно: сервер её не принял.',
    later: 'Попробуйте позже.',
    back: 'Вернуться на сайт',
  },
} as const;

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function isPlainFormPost(request: FastifyRequest): boolean {
  return (
    request.method === 'POST' &&
    request.routeOptions.url === '/api/leads' &&
    FORM_TYPE.test(request.headers['content-type'] ?? '') &&
    /\btext\/html\b/.test(request.headers.accept ?? '')
  );
}

function page(lang: 'en' | 'ru', title: string, lines: string[], backTo: string | undefined): string {
  const back = backTo ? `<p><a href="${escapeHtml(backTo)}">${TEXT[lang].back}</a></p>` : '';
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">
${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
${back}
</body></html>
`;
}

/** Turns the capture API's answers to plain HTML form posts into pages; call before the routes. */
export function registerPlainFormReplies(app: FastifyInstance, deps: { database: Database }): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || !isPlainFormPost(request)) return payload;
    const lang = requestLocale(request);
    const text = TEXT[lang];
    const fields = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
    const referer = request.headers.referer;
    const backTo = referer && /^https?:\/\//i.test(referer) ? referer : undefined;
    let html: string;
    if (reply.statusCode < 300) {
      const formKey = fields.get('formId');
      const form = formKey ? await findActiveFormByKey(deps.database.db, formKey) : undefined;
      const message = form ? form.successMessage[lang] || form.successMessage.en : text.sent;
      html = page(lang, text.title, [message.replace('{name}', fields.get('name') ?? '')], backTo);
    } else {
      let reasons: string[] = [];
      try {
        const problem = JSON.parse(payload) as { invalid_params?: { name: string; reason: string }[] };
        reasons = (problem.invalid_params ?? []).map((p) => `${p.name}: ${p.reason}`);
      } catch {
        reasons = [];
      }
      const lines =
        reply.statusCode === 401 || reply.statusCode === 403
          ? [text.refused]
          : reasons.length > 0
            ? [text.failed, ...reasons]
            : [text.failed, text.later];
      html = page(lang, text.failedTitle, lines, backTo);
    }
    reply.header('content-type', 'text/html; charset=utf-8');
    reply.removeHeader('content-length');
    return html;
  });
}
