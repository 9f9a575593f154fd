import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Config } from '../config.ts';
import { parseMappingText } from '../domain/costCsv.ts';
import type { Principal } from '../domain/permissions.ts';
import { HttpProblem } from '../http/problem.ts';
import { costImportSettled, getCostImport, startCostImport } from '../services/costImport.ts';
import { listCampaignRefs } from '../store/costs.ts';
import { migrateDatabase, openDatabase } from '../store/db.ts';

const USAGE =
  'Usage: leadflow import-costs <file.csv> [--campaign <id|name>] [--map day=Дата,clicks=Клики,spend=Расход]\n' +
  '                             [--no-replace]\n' +
  'Without --campaign the file needs a campaign column (matched by campaign name, id or utm_campaign).\n' +
  'Without --map the columns are guessed from their headers. By default rows earlier imports stored\n' +
  'for the same campaign-days are replaced; --no-replace adds to them.';

/** The command line acts as an administrator, like someone with shell access to the server. */
const CLI_PRINCIPAL: Principal = {
  id: 'cli',
  name: 'leadflow CLI',
  kind: 'token',
  scope: 'full',
  admin: true,
  userId: null,
  role: 'admin',
};

/** `leadflow import-costs`: an ad cabinet CSV export into daily campaign stats, with progress. */
export async function runImportCosts(
  config: Config,
  positionals: string[],
  options: { campaign?: string; map?: string; 'no-replace'?: boolean },
): Promise<number> {
  const [file] = positionals;
  if (!file) {
    console.error(USAGE);
    return 1;
  }
  const mapping = options.map ? parseMappingText(options.map) : undefined;
  if (mapping && !mapping.ok) {
    console.error(`--map: ${mapping.reason}`);
    return 1;
  }
  const csv = await readFile(file, 'utf8');
  const database = await openDatabase(config);
  try {
    await migrateDatabase(database);
    let campaignId: string | undefined;
    if (options.campaign) {
      const refs = await listCampaignRefs(database.db);
      const wanted = options.campaign.trim().toLowerCase();
      const found = refs.campaigns.filter((c) => c.id === wanted || c.name.trim().toLowerCase() === wanted);
      if (found.length !== 1) {
        console.error(
          found.length === 0
            ? `No campaign "${options.campaign}".`
            : `Several campaigns are named "${options.campaign}"; give its id.`,
        );
        return 1;
      }
      campaignId = found[0]?.id;
    }
    const started = await startCostImport(
      {
        database,
        clock: () => new Date(),
        log: { error: (obj) => console.error(obj) },
        onProgress: (p) =>
          process.stderr.write(`\r${p.processedRows}/${p.totalRows} rows read, ${p.importedRows} imported`),
      },
      {
        csv,
        mapping: mapping?.value,
        campaignId,
        fileName: basename(file),
        replace: !options['no-replace'],
        principal: CLI_PRINCIPAL,
        createdBy: 'cli',
      },
    );
    await costImportSettled(started.id);
    process.stderr.write('\n');
    const done = await getCostImport(database.db, started.id);
    for (const problem of done.problems) {
      console.log(`line ${problem.line}${problem.column ? ` (${problem.column})` : ''}: ${problem.reason}`);
    }
    console.log(
      `Import ${done.id} ${done.status}: ${done.importedRows} of ${done.totalRows} rows imported, ${done.problems.length} problems.`,
    );
    return done.status === 'done' ? 0 : 1;
  } catch (error) {
    if (error instanceof HttpProblem) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}
