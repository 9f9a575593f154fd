import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { runImportCosts } from './costs.ts';
import { runMigrate } from './migrate.ts';
import { REPORT_USAGE, runReport } from './report.ts';
import { runStart } from './start.ts';
import { runToken } from './token.ts';
import { runUser } from './user.ts';

const USAGE = `leadflow — lead management server

Usage:
  leadflow start                          run the HTTP server (migrations apply first)
  leadflow migrate                        apply database migrations and exit
  leadflow token create --name N --scope capture|read|full
  leadflow token list
  leadflow token revoke <id>
  leadflow user create --email E --name N --role admin|head|rep|marketer [--password P]
                                          (without --password one is generated and shown once)
  leadflow user list
  leadflow import-costs <file.csv> [--campaign <id|name>] [--map day=Дата,clicks=Клики] [--no-replace]
                                          ad cabinet CSV export → daily campaign stats
  ${REPORT_USAGE}
                                          (reports on stdout; dates are calendar days in --tz)

Configuration comes from environment variables; see README.md.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  switch (command) {
    case 'start':
      return runStart(config);
    case 'migrate':
      return runMigrate(config);
    case 'token': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { name: { type: 'string' }, scope: { type: 'string' } },
      });
      return runToken(config, positionals, values);
    }
    case 'user': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
          password: { type: 'string' },
        },
      });
      return runUser(config, positionals, values);
    }
    case 'report': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          from: { type: 'string' },
          to: { type: 'string' },
          by: { type: 'string' },
          format: { type: 'string' },
          tz: { type: 'string' },
          locale: { type: 'string' },
        },
      });
      return runReport(config, positionals, values);
    }
    case 'import-costs': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { campaign: { type: 'string' }, map: { type: 'string' }, 'no-replace': { type: 'boolean' } },
      });
      return runImportCosts(config, positionals, values);
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  },
);
