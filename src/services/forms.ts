import { randomBytes } from 'node:crypto';
import type { Form, FormCreate, FormPatch, PublicForm } from '../schemas/form.ts';
import type { Database, Executor } from '../store/db.ts';
import {
  type FormRow,
  findFormById,
  findFormByKey,
  insertForm,
  listActiveAllowedOrigins,
  setFormTracking,
  updateForm,
} from '../store/forms.ts';
import type { FormField, LocalizedText } from '../store/schemaForms.ts';
import { findCampaignById, findChannelById, findKnownIdentifiers } from '../store/sources.ts';
import { TrackingConflict } from './sources.ts';

export const DEFAULT_FORM_FIELDS: FormField[] = [
  { name: 'name', label: { en: 'Name', ru: 'Имя' }, type: 'text', required: true },
  { name: 'phone', label: { en: 'Phone', ru: 'Телефон' }, type: 'tel', required: false },
  { name: 'email', label: { en: 'Email', ru: 'Эл. почта' }, type: 'email', required: false },
];
export const DEFAULT_CONSENT_TEXT: LocalizedText = {
  en: 'I agree to the processing of my personal data to answer this request.',
  ru: 'Я согласен на обработку моих персональных данных для ответа на эту заявку.',
};
export const DEFAULT_SUCCESS_MESSAGE: LocalizedText = {
  en: 'Thank you! We will contact you soon.',
  ru: 'Спасибо! Мы скоро свяжемся с вами.',
};

/** A form's campaign or channel is not there: the route names the field. */
export class MissingFormTarget extends Error {
  constructor(readonly field: 'campaignId' | 'channelId') {
    super(`no such ${field === 'campaignId' ? 'campaign' : 'channel'}`);
  }
}

/** Keys are public ids pasted into pages: one form each, for good. */
export class FormKeyTaken extends Error {
  constructor(readonly key: string) {
    super(`form key "${key}" is already used by another form`);
  }
}

export function toFormDto(row: FormRow): Form {
  return {
    id: row.id,
    name: row.name,
    key: row.formKey,
    fields: row.fields,
    consentText: row.consentText,
    successMessage: row.successMessage,
    campaignId: row.campaignId,
    channelId: row.channelId,
    allowedOrigins: row.allowedOrigins,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toPublicForm(row: FormRow, now: Date): PublicForm {
  return {
    key: row.formKey,
    fields: row.fields,
    consentText: row.consentText,
    successMessage: row.successMessage,
    serverTime: now.getTime(),
  };
}

const newFormKey = (): string => `f_${randomBytes(8).toString('base64url')}`;

async function assertTargetsExist(
  ex: Executor,
  target: { campaignId?: string | null; channelId?: string | null },
) {
  if (target.campaignId && !(await findCampaignById(ex, target.campaignId))) {
    throw new MissingFormTarget('campaignId');
  }
  if (target.channelId && !(await findChannelById(ex, target.channelId))) {
    throw new MissingFormTarget('channelId');
  }
}

export async function createForm(database: Database, input: FormCreate, now: Date): Promise<FormRow> {
  const key = input.key ?? newFormKey();
  return database.db.transaction(async (tx) => {
    await assertTargetsExist(tx, input);
    if (await findFormByKey(tx, key)) throw new FormKeyTaken(key);
    // A campaign may already list this key by hand: one value must lead to one source.
    const [taken] = await findKnownIdentifiers(tx, [{ kind: 'form_id', value: key }]);
    if (taken && (taken.campaignId ?? null) !== (input.campaignId ?? null)) {
      throw new TrackingConflict({ kind: 'form_id', value: key });
    }
    const row = await insertForm(tx, {
      name: input.name,
      formKey: key,
      fields: input.fields ?? DEFAULT_FORM_FIELDS,
      consentText: input.consentText ?? DEFAULT_CONSENT_TEXT,
      successMessage: input.successMessage ?? DEFAULT_SUCCESS_MESSAGE,
      campaignId: input.campaignId ?? null,
      channelId: input.channelId ?? null,
      allowedOrigins: input.allowedOrigins ?? [],
      active: input.active ?? true,
      createdAt: now,
      updatedAt: now,
    });
    await setFormTracking(tx, row.formKey, row);
    return row;
  });
}

export async function changeForm(
  database: Database,
  id: string,
  patch: FormPatch,
  now: Date,
): Promise<FormRow | undefined> {
  return database.db.transaction(async (tx) => {
    const current = await findFormById(tx, id);
    if (!current) return undefined;
    await assertTargetsExist(tx, patch);
    const row = (await updateForm(tx, id, { ...patch, updatedAt: now })) as FormRow;
    await setFormTracking(tx, row.formKey, row);
    return row;
  });
}

/**
 * The CORS allow-lists, read from the active forms and kept for a few seconds: every browser
 * capture asks. The capture endpoint takes an origin any active form allows (the body, and so the
 * form, is unknown at preflight); a form's public definition only the origins of that form.
 * Form changes in this process forget the lists at once; other processes see them within ttlMs.
 */
export function createAllowedOrigins(options: { database: Database; ttlMs?: number; now?: () => number }) {
  const ttlMs = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  type Lists = { any: Set<string>; byForm: Map<string, Set<string>> };
  let cached: { lists: Lists; until: number } | undefined;
  let loading: Promise<Lists> | undefined;
  // A change during a load must not leave that load's older lists cached.
  let generation = 0;

  async function load(): Promise<Lists> {
    const started = generation;
    const lists: Lists = { any: new Set(), byForm: new Map() };
    for (const { key, origin } of await listActiveAllowedOrigins(options.database.db)) {
      lists.any.add(origin);
      const ofForm = lists.byForm.get(key) ?? new Set<string>();
      ofForm.add(origin);
      lists.byForm.set(key, ofForm);
    }
    if (started === generation) cached = { lists, until: now() + ttlMs };
    return lists;
  }

  async function current(): Promise<Lists> {
    if (cached && cached.until > now()) return cached.lists;
    if (!loading) {
      const pending = load().finally(() => {
        if (loading === pending) loading = undefined;
      });
      loading = pending;
    }
    return loading;
  }

  return {
    /** Whether a page on `origin` may call the API: for one form's key, or for any form. */
    allows: async (origin: string, formKey?: string): Promise<boolean> => {
      const lists = await current();
      return formKey === undefined
        ? lists.any.has(origin)
        : (lists.byForm.get(formKey)?.has(origin) ?? false);
    },
    forget: (): void => {
      generation += 1;
      cached = undefined;
      loading = undefined;
    },
  };
}
export type AllowedOrigins = ReturnType<typeof createAllowedOrigins>;

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function fallbackField(field: FormField, lang: 'en' | 'ru'): string {
  const label = escapeHtml(field.label[lang] || field.label.en);
  const name = escapeHtml(field.name);
  const required = field.required ? ' required' : '';
  if (field.type === 'checkbox') {
    return `<p><label><input type="checkbox" name="${name}" value="on"${required}> ${label}</label></p>`;
  }
  const control =
    field.type === 'textarea'
      ? `<textarea name="${name}"${required}></textarea>`
      : `<input type="${field.type}" name="${name}"${required}>`;
  return `<p><label>${label}<br>${control}</label></p>`;
}

/**
 * What a site owner pastes into a page: a placeholder the widget fills, the widget script, and a
 * plain form posting to the capture API for visitors without scripts.
 */
export function formSnippet(
  row: FormRow,
  options: { publicUrl: string; token: string; lang: 'en' | 'ru' },
): string {
  const base = options.publicUrl.replace(/\/+$/, '');
  const token = escapeHtml(options.token);
  const action = escapeHtml(`${base}/api/leads?token=${encodeURIComponent(options.token)}`);
  const key = escapeHtml(row.formKey);
  const consent = row.consentText[options.lang] || row.consentText.en;
  const send = options.lang === 'ru' ? 'Отправить' : 'Send';
  const lines = [
    `<div data-leadflow-form="${key}"></div>`,
    `<script src="${escapeHtml(`${base}/widget.js`)}" data-token="${token}" async></script>`,
    '<noscript>',
    `<form method="post" action="${action}" accept-charset="utf-8">`,
    `<input type="hidden" name="formId" value="${key}">`,
    ...row.fields.map((field) => fallbackField(field, options.lang)),
    '<div style="position:absolute;left:-10000px" aria-hidden="true"><input type="text" name="honeypot" tabindex="-1" autocomplete="off"></div>',
    ...(consent
      ? [
          `<input type="hidden" name="consentText" value="${escapeHtml(consent)}">`,
          `<p><label><input type="checkbox" name="consent" value="on" required> ${escapeHtml(consent)}</label></p>`,
        ]
      : []),
    `<p><button type="submit">${send}</button></p>`,
    '</form>',
    '</noscript>',
  ];
  return `${lines.join('\n')}\n`;
}
