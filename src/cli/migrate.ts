import type { Config } from '../config.ts';
import { migrateDatabase, openDatabase } from '../store/db.ts';

export async function runMigrate(config: Config): Promise<number> {
  const database = await openDatabase(config);
  try {
    await migrateDatabase(database);
    console.log(`Migrations applied (${database.driver}).`);
    return 0;
  } finally {
    await database.close();
  }
}
