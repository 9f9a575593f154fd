import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/store/schema*.ts with `npm run db:generate -- --name=<intent>`
// and applied at boot (see src/store/db.ts). Never edit a migration after it has landed.
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './src/store/schema.ts',
    './src/store/schemaWorkflow.ts',
    './src/store/schemaEconomics.ts',
    './src/store/schemaForms.ts',
  ],
  out: './src/store/migrations',
});
