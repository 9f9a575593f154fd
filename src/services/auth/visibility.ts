import { z } from 'zod';
import type { VisibilityPolicy } from '../../domain/permissions.ts';
import type { Executor } from '../../store/db.ts';
import { readSetting, writeSetting } from '../../store/settings.ts';

const KEY = 'visibility';
const StoredSchema = z.object({ repsSeeAllLeads: z.boolean() });

/** The lead visibility policy: the admin's setting, or the configured default when none is saved. */
export async function visibilityPolicyOf(
  ex: Executor,
  defaults: { repsSeeAllLeads: boolean },
): Promise<VisibilityPolicy> {
  const parsed = StoredSchema.safeParse(await readSetting(ex, KEY));
  return parsed.success ? parsed.data : { repsSeeAllLeads: defaults.repsSeeAllLeads };
}

export async function saveVisibilityPolicy(ex: Executor, policy: VisibilityPolicy, at: Date): Promise<void> {
  await writeSetting(ex, KEY, { repsSeeAllLeads: policy.repsSeeAllLeads }, at);
}
