import type { Role } from '../../src/domain/permissions.ts';
import { createApiToken } from '../../src/services/tokens.ts';
import { users } from '../../src/store/schemaWorkflow.ts';
import type { TestContext } from './app.ts';

export type TestUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  headers: { authorization: string };
};

let sequence = 0;

/** A user of the given role with a full-scope API token of their own, acting with that role. */
export async function createTestUser(
  ctx: TestContext,
  role: Role,
  options: { name?: string; email?: string; active?: boolean } = {},
): Promise<TestUser> {
  sequence += 1;
  const name = options.name ?? `${role} ${sequence}`;
  const email = options.email ?? `${role}${sequence}.${Date.now()}@example.test`;
  const [row] = await ctx.database.db
    .insert(users)
    .values({ name, email, role, active: options.active ?? true })
    .returning({ id: users.id });
  if (!row) throw new Error('user insert returned nothing');
  const { token } = await createApiToken(ctx.database.db, {
    name: `${name} token`,
    scope: 'full',
    userId: row.id,
  });
  return { id: row.id, name, email, role, headers: { authorization: `Bearer ${token}` } };
}
