import type { StatusSettings } from '../api.ts';
import { SYSTEM_STATUS_KEYS } from './types.ts';

// The statuses page edits rows with ids of their own (keys change while typing), in display order;
// saving turns them back into the settings the API takes, ordered 10, 20, 30…

export type ReasonRow = { id: number; key: string; en: string; ru: string };
export type StatusRow = {
  id: number;
  key: string;
  en: string;
  ru: string;
  terminal: boolean;
  requiresReason: boolean;
  system: boolean;
  reasons: ReasonRow[];
};

let lastId = 0;
export const nextId = () => ++lastId;

export const isSystemStatus = (key: string) => (SYSTEM_STATUS_KEYS as readonly string[]).includes(key);

export function rowsOf(settings: StatusSettings): StatusRow[] {
  return [...settings.statuses]
    .sort((a, b) => a.order - b.order || a.key.localeCompare(b.key))
    .map((status) => ({
      id: nextId(),
      key: status.key,
      en: status.labels.en,
      ru: status.labels.ru,
      terminal: Boolean(status.terminal),
      requiresReason: Boolean(status.requiresReason),
      system: isSystemStatus(status.key),
      reasons: (settings.reasons[status.key] ?? []).map((reason) => ({
        id: nextId(),
        key: reason.key,
        en: reason.labels.en,
        ru: reason.labels.ru,
      })),
    }));
}

export function settingsOf(rows: StatusRow[]): StatusSettings {
  return {
    statuses: rows.map((row, index) => ({
      key: row.key.trim(),
      labels: { en: row.en.trim(), ru: row.ru.trim() },
      order: (index + 1) * 10,
      terminal: row.terminal,
      requiresReason: row.requiresReason,
    })),
    reasons: Object.fromEntries(
      rows
        .filter((row) => row.reasons.length > 0)
        .map((row) => [
          row.key.trim(),
          row.reasons.map((reason) => ({
            key: reason.key.trim(),
            labels: { en: reason.en.trim(), ru: reason.ru.trim() },
          })),
        ]),
    ),
  };
}

export const newStatus = (): StatusRow => ({
  id: nextId(),
  key: '',
  en: '',
  ru: '',
  terminal: false,
  requiresReason: false,
  system: false,
  reasons: [],
});

export const newReason = (): ReasonRow => ({ id: nextId(), key: '', en: '', ru: '' });
