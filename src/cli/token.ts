import type { Config } from '../config.ts';
import type { TokenScope } from '../domain/permissions.ts';
import { createApiToken } from '../services/tokens.ts';
import { migrateDatabase, openDatabase } from '../store/db.ts';
import { listApiTokens, revokeApiToken } from '../store/tokens.ts';

const SCOPES: TokenScope[] = ['capture', 'read', 'full'];

export async function runToken(
  config: Config,
  positionals: string[],
  options: { name?: string; scope?: string },
): Promise<number> {
  const [action, id] = positionals;
  const database = await openDatabase(config);
  try {
    await migrateDatabase(database);
    if (action === 'create') {
      const scope = options.scope as TokenScope;
      if (!options.name || !SCOPES.includes(scope)) {
        console.error('Usage: leadflow token create --name "Site form" --scope capture|read|full');
        return 1;
      }
      const created = await createApiToken(database.db, { name: options.name, scope });
      console.log(
        `Token "${options.name}" (${scope}), id ${created.id}. Shown once, keep it safe:\n${created.token}`,
      );
      return 0;
    }
    if (action === 'list') {
      for (const t of await listApiTokens(database.db)) {
        const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active';
        console.log(`${t.id}  ${t.scope.padEnd(7)}  ${state.padEnd(8)}  ${t.name}`);
      }
      return 0;
    }
    if (action === 'revoke' && id) {
      const done = await revokeApiToken(database.db, id, new Date());
      console.log(done ? `Token ${id} revoked.` : `No active token ${id}.`);
      return done ? 0 : 1;
    }
    console.error('Usage: leadflow token create|list|revoke');
    return 1;
  } finally {
    await database.close();
  }
}
