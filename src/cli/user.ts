import type { Config } from '../config.ts';
import type { Role } from '../domain/permissions.ts';
import { NewPasswordSchema, ROLES } from '../schemas/user.ts';
import { createUser, EmailTaken } from '../services/auth/users.ts';
import { migrateDatabase, openDatabase } from '../store/db.ts';
import { listUsers } from '../store/users.ts';

const USAGE =
  'Usage: leadflow user create --email E --name N --role admin|head|rep|marketer [--password P]\n' +
  '       leadflow user list';

/** `leadflow user create|list`: the first admin and later accounts, without the API. */
export async function runUser(
  config: Config,
  positionals: string[],
  options: { email?: string; name?: string; role?: string; password?: string },
): Promise<number> {
  const [action] = positionals;
  if (action === 'create') {
    const role = options.role as Role;
    if (!options.email || !options.name || !ROLES.includes(role)) {
      console.error(USAGE);
      return 1;
    }
    if (options.password !== undefined) {
      const checked = NewPasswordSchema.safeParse(options.password);
      if (!checked.success) {
        console.error(`--password ${checked.error.issues[0]?.message ?? 'is not acceptable'}`);
        return 1;
      }
    }
    if (!/^[^\s@]+@[^\s@]+$/.test(options.email)) {
      console.error('--email must be an email address');
      return 1;
    }
  } else if (action !== 'list') {
    console.error(USAGE);
    return 1;
  }
  const database = await openDatabase(config);
  try {
    await migrateDatabase(database);
    if (action === 'list') {
      for (const u of await listUsers(database.db)) {
        const state = u.active ? 'active' : 'inactive';
        console.log(`${u.id}  ${u.role.padEnd(8)}  ${state.padEnd(8)}  ${u.email}  ${u.name}`);
      }
      return 0;
    }
    try {
      const created = await createUser(database, {
        email: options.email as string,
        name: options.name as string,
        role: options.role as Role,
        ...(options.password ? { password: options.password } : {}),
        at: new Date(),
      });
      console.log(`User ${created.user.email} (${created.user.role}) created, id ${created.user.id}.`);
      if (created.generatedPassword) {
        console.log(`Password, shown only now (change it after logging in):\n${created.generatedPassword}`);
      }
      console.log('Log in with POST /api/auth/login {"email", "password"}.');
      return 0;
    } catch (error) {
      if (error instanceof EmailTaken) {
        console.error(`A user with the email ${error.message} already exists.`);
        return 1;
      }
      throw error;
    }
  } finally {
    await database.close();
  }
}
