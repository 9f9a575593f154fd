import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Role } from '../domain/permissions.ts';
import type { Executor } from './db.ts';
import { apiTokens } from './schema.ts';
import { users } from './schemaWorkflow.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function insertApiToken(ex: Executor, row: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [created] = await ex.insert(apiTokens).values(row).returning();
  if (!created) throw new Error('token insert returned nothing');
  return created;
}

export type ActiveToken = ApiTokenRow & { userRole: Role | null; userName: string | null };

/** An unrevoked token with its user's role; a token of a deactivated user is not active. */
export async function findActiveTokenByHash(
  ex: Executor,
  tokenHash: string,
): Promise<ActiveToken | undefined> {
  const [row] = await ex
    .select({ token: apiTokens, userRole: users.role, userName: users.name, userActive: users.active })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  if (!row || (row.token.userId && row.userActive !== true)) return undefined;
  return { ...row.token, userRole: row.userRole, userName: row.userName };
}

export async function countActiveFullTokens(ex: Executor): Promise<number> {
  const [row] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(apiTokens)
    .where(and(eq(apiTokens.scope, 'full'), isNull(apiTokens.revokedAt)));
  return Number(row?.n ?? 0);
}

export async function listApiTokens(ex: Executor): Promise<ApiTokenRow[]> {
  return ex.select().from(apiTokens).orderBy(apiTokens.createdAt);
}

export async function revokeApiToken(ex: Executor, id: string, at: Date): Promise<boolean> {
  const rows = await ex
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export async function listApiTokensOfUser(ex: Executor, userId: string): Promise<ApiTokenRow[]> {
  return ex.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(apiTokens.createdAt);
}

export async function findApiTokenById(ex: Executor, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await ex.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row;
}
