import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { apiTokens } from './schema.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function insertApiToken(ex: Executor, row: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [created] = await ex.insert(apiTokens).values(row).returning();
  if (!created) throw new Error('token insert returned nothing');
  return created;
}

export async function findActiveTokenByHash(
  ex: Executor,
  tokenHash: string,
): Promise<ApiTokenRow | undefined> {
  const [row] = await ex
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  return row;
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
