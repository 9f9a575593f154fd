import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { trackingIdentifiers } from './schema.ts';
import { forms } from './schemaForms.ts';
import { queryRows } from './sql.ts';

export type FormRow = typeof forms.$inferSelect;

export async function listForms(ex: Executor): Promise<FormRow[]> {
  return ex.select().from(forms).orderBy(asc(forms.name), asc(forms.id));
}

export async function findFormById(ex: Executor, id: string): Promise<FormRow | undefined> {
  const [row] = await ex.select().from(forms).where(eq(forms.id, id));
  return row;
}

export async function findFormByKey(ex: Executor, key: string): Promise<FormRow | undefined> {
  const [row] = await ex.select().from(forms).where(eq(forms.formKey, key));
  return row;
}

export async function findActiveFormByKey(ex: Executor, key: string): Promise<FormRow | undefined> {
  const [row] = await ex
    .select()
    .from(forms)
    .where(and(eq(forms.formKey, key), eq(forms.active, true)));
  return row;
}

export async function insertForm(ex: Executor, row: typeof forms.$inferInsert): Promise<FormRow> {
  const [created] = await ex.insert(forms).values(row).returning();
  if (!created) throw new Error('form insert returned nothing');
  return created;
}

export async function updateForm(
  ex: Executor,
  id: string,
  changes: Partial<typeof forms.$inferInsert>,
): Promise<FormRow | undefined> {
  const [row] = await ex.update(forms).set(changes).where(eq(forms.id, id)).returning();
  return row;
}

/** Each origin an active form lets embed it, with the form's key: the CORS allow-lists. */
export async function listActiveAllowedOrigins(ex: Executor): Promise<{ key: string; origin: string }[]> {
  return queryRows<{ key: string; origin: string }>(
    ex,
    sql`SELECT form_key AS key, unnest(allowed_origins) AS origin FROM forms WHERE active`,
  );
}

/**
 * Points the form's key (a `form_id` tracking identifier) at its campaign or channel, so captures
 * carrying `formId` resolve through the usual attribution; no target removes it.
 */
export async function setFormTracking(
  ex: Executor,
  key: string,
  target: { campaignId: string | null; channelId: string | null },
): Promise<void> {
  await ex
    .delete(trackingIdentifiers)
    .where(and(eq(trackingIdentifiers.kind, 'form_id'), eq(trackingIdentifiers.value, key)));
  if (!target.campaignId && !target.channelId) return;
  await ex.insert(trackingIdentifiers).values({
    kind: 'form_id',
    value: key,
    campaignId: target.campaignId,
    channelId: target.campaignId ? null : target.channelId,
  });
}
