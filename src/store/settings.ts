import { eq, sql } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { settings } from './schema.ts';

// Named settings stored as JSON values (statuses, scoring thresholds, …); each caller parses its
// own key with its schema, so a bad stored value falls back to that caller's defaults.

export async function readSetting(ex: Executor, key: string): Promise<unknown> {
  const [row] = await ex.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value;
}

export async function writeSetting(ex: Executor, key: string, value: unknown, at: Date): Promise<void> {
  await ex
    .insert(settings)
    .values({ key, value, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: at } });
}
