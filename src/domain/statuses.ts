// Lead statuses and the reasons some of them need. Few and configurable (PRODUCT.md section 2):
// the seven system statuses can be relabelled and reordered, custom ones added; later stages
// (contract, payment) live on deals.

export const SYSTEM_STATUS_KEYS = [
  'new',
  'in_progress',
  'clarifying',
  'qualified',
  'converted',
  'refused',
  'junk',
] as const;
export type SystemStatusKey = (typeof SYSTEM_STATUS_KEYS)[number];

/** Statuses set only by their own use case (conversion, refusal, merging), never by a plain status change. */
export const DEDICATED_STATUSES: Readonly<Record<string, string>> = {
  converted: 'POST /api/leads/:id/convert',
  refused: 'POST /api/leads/:id/refuse',
  merged: 'POST /api/leads/:id/merge',
};

/** Statuses a lead does not leave by a plain status change. */
const FINAL_STATUSES = ['converted', 'merged'];

export type Labels = { en: string; ru: string };
export type StatusDefinition = {
  key: string;
  labels: Labels;
  order: number;
  terminal?: boolean;
  requiresReason?: boolean;
};
export type ReasonDefinition = { key: string; labels: Labels };
export type StatusSettings = {
  statuses: StatusDefinition[];
  /** Reasons offered per status key; a status that requires a reason and has a list takes one of its keys. */
  reasons: Record<string, ReasonDefinition[]>;
};

export const DEFAULT_STATUS_SETTINGS: StatusSettings = {
  statuses: [
    { key: 'new', labels: { en: 'New', ru: 'Новый' }, order: 10 },
    { key: 'in_progress', labels: { en: 'In progress', ru: 'В работе' }, order: 20 },
    { key: 'clarifying', labels: { en: 'Clarifying', ru: 'Уточнение' }, order: 30 },
    { key: 'qualified', labels: { en: 'Qualified', ru: 'Квалифицирован' }, order: 40 },
    { key: 'converted', labels: { en: 'Converted', ru: 'Конвертирован' }, order: 50, terminal: true },
    {
      key: 'refused',
      labels: { en: 'Refused', ru: 'Отказ' },
      order: 60,
      terminal: true,
      requiresReason: true,
    },
    {
      key: 'junk',
      labels: { en: 'Junk', ru: 'Нецелевой' },
      order: 70,
      terminal: true,
      requiresReason: true,
    },
  ],
  reasons: {
    refused: [
      { key: 'wrong_contacts', labels: { en: 'Wrong contacts', ru: 'Неверные контакты' } },
      { key: 'by_mistake', labels: { en: 'Left by mistake', ru: 'Оставил заявку по ошибке' } },
      { key: 'no_budget', labels: { en: 'No budget', ru: 'Нет бюджета' } },
      { key: 'chose_competitor', labels: { en: 'Chose a competitor', ru: 'Выбрал конкурента' } },
      { key: 'not_target', labels: { en: 'Not the target', ru: 'Нецелевой' } },
      { key: 'spam', labels: { en: 'Spam', ru: 'Спам' } },
      { key: 'duplicate', labels: { en: 'Duplicate', ru: 'Дубль' } },
    ],
    junk: [
      { key: 'spam', labels: { en: 'Spam or bot', ru: 'Спам или бот' } },
      { key: 'duplicate', labels: { en: 'Duplicate', ru: 'Дубль' } },
      { key: 'test', labels: { en: 'Test inquiry', ru: 'Тестовая заявка' } },
      { key: 'competitor', labels: { en: 'Competitor or auditor', ru: 'Конкурент или проверяющий' } },
      { key: 'freebie_only', labels: { en: 'Wanted only the freebie', ru: 'Хотел только бесплатное' } },
      { key: 'wrong_contacts', labels: { en: 'Wrong contacts', ru: 'Неверные контакты' } },
    ],
  },
};

/** A problem with input, tied to the field it concerns (rendered as invalid_params). */
export type FieldProblem = { field: string; message: string };

/** Checks settings a manager saves: system statuses stay, keys are unique, reasons belong to statuses. */
export function statusSettingsProblems(settings: StatusSettings): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const keys = settings.statuses.map((s) => s.key);
  for (const key of SYSTEM_STATUS_KEYS) {
    if (!keys.includes(key))
      problems.push({ field: 'statuses', message: `system status "${key}" cannot be removed` });
  }
  keys.forEach((key, index) => {
    if (keys.indexOf(key) !== index)
      problems.push({ field: `statuses.${index}.key`, message: `status "${key}" appears twice` });
    if (key === 'merged')
      problems.push({ field: `statuses.${index}.key`, message: '"merged" is reserved for merged leads' });
  });
  for (const [status, reasons] of Object.entries(settings.reasons)) {
    if (!keys.includes(status))
      problems.push({ field: `reasons.${status}`, message: `"${status}" is not a status` });
    const reasonKeys = reasons.map((r) => r.key);
    reasonKeys.forEach((key, index) => {
      if (reasonKeys.indexOf(key) !== index)
        problems.push({ field: `reasons.${status}.${index}.key`, message: `reason "${key}" appears twice` });
    });
  }
  return problems;
}

/** Statuses in display order. */
export function orderedStatuses(settings: StatusSettings): StatusDefinition[] {
  return [...settings.statuses].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}

/**
 * Whether a plain status change from `current` to `target` with `reason` is acceptable. Problems
 * name the field (`status` or `reason`); a lead that was converted or merged cannot change here.
 */
export function statusChangeProblems(
  settings: StatusSettings,
  change: { current: string; target: string; reason?: string | undefined },
): FieldProblem[] {
  const dedicated = DEDICATED_STATUSES[change.target];
  if (dedicated)
    return [
      { field: 'status', message: `"${change.target}" is set by ${dedicated}, not by a status change` },
    ];
  if (FINAL_STATUSES.includes(change.current))
    return [{ field: 'status', message: `a ${change.current} lead keeps its status` }];
  const definition = settings.statuses.find((s) => s.key === change.target);
  if (!definition) {
    const known = settings.statuses.map((s) => s.key).filter((key) => !DEDICATED_STATUSES[key]);
    return [{ field: 'status', message: `unknown status; one of ${known.join(', ')}` }];
  }
  const reason = change.reason?.trim();
  if (!definition.requiresReason) return [];
  if (!reason) return [{ field: 'reason', message: `status "${change.target}" requires a reason` }];
  const offered = settings.reasons[change.target] ?? [];
  if (offered.length > 0 && !offered.some((r) => r.key === reason))
    return [{ field: 'reason', message: `one of ${offered.map((r) => r.key).join(', ')}` }];
  return [];
}
