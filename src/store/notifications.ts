import type { Executor } from './db.ts';
import { notifications } from './schema.ts';
import { insertJsonRows } from './sql.ts';

export type NewNotificationRow = typeof notifications.$inferInsert;

export async function insertNotifications(ex: Executor, rows: NewNotificationRow[]): Promise<void> {
  await insertJsonRows(ex, notifications, rows);
}
