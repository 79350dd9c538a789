import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from './config/config.js';
import { demoDirectoryCsv, demoSitesCsv } from './demo/demo-csv.js';
import { generateDemoOrganisation } from './demo/demo-organisation.js';
import { seedDemoOrganisation } from './demo/seed-demo.js';
import { describeProblem, importDirectory, importSites } from './domain/directory/import-directory.js';
import { buildMonthlyRhtReport } from './domain/rht/monthly-report.js';
import { calendarDateIn } from './domain/shared/calendar-date.js';
import { rhtReportCsv, rhtReportXlsx } from './integrations/rht-spreadsheets.js';
import { isDomainError, type ProblemLine } from './domain/shared/errors.js';
import { openStore, type Store } from './storage/store.js';

const USAGE = `Usage: crewdesk <command>

Commands:
  migrate                         create or update the database schema
  sites import FILE.csv           import sites (id,name,canton,kind,seats[,cap_percent,min_staff,open_days])
  directory import FILE.csv       import people (see README: Directory CSV)
  hours import FILE [--dry-run] [--reason TEXT]
                                  import past timesheets (.csv or .xlsx: person, date, start/end or hours, absence)
  demo seed [--force] [--no-hours]
                                  seed the demo organisation (and two months of its hours)
  demo csv --out FOLDER           write the demo organisation as sites.csv and directory.csv
  export rht --month YYYY-MM --format csv|xlsx --out FILE [--lang fr|de|it|en]
                                  the month's RHT report, laid out like SECO's form
  month status YYYY-MM            the month's lock and how many timesheets are approved
  month lock YYYY-MM --by HR      lock a month for the RHT claim (HR: an id or e-mail from the directory)
  month unlock YYYY-MM --by HR --reason TEXT
                                  reopen a locked month (audited)
  serve                           start the server (same as npm start)

The database is DATABASE_URL (default sqlite:./data/crewdesk.db); a missing SQLite file is created.`;

/** Shown to operators: at most this many problem lines, then a count of the rest. */
const MAX_PROBLEMS_SHOWN = 50;

interface Output {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function describeProblems(problems: readonly ProblemLine[]): string[] {
  const lines = problems.slice(0, MAX_PROBLEMS_SHOWN).map((problem) => `  ${describeProblem(problem)}`);
  if (problems.length > MAX_PROBLEMS_SHOWN)
    lines.push(`  … and ${problems.length - MAX_PROBLEMS_SHOWN} more`);
  return lines;
}

function readTextFile(path: string | undefined): string {
  if (!path) throw new UsageError('a FILE is required');
  try {
    return readFileSync(resolve(path), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

class UsageError extends Error {}

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = openStore(config.databaseUrl);
  try {
    await store.migrate();
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Runs one CLI command; returns the process exit code. Starts no server, queue or timer. */
export async function runCli(argv: readonly string[], output: Output = consoleOutput): Promise<number> {
  const [command, subcommand, ...rest] = argv;
  try {
    switch (`${command ?? ''} ${subcommand ?? ''}`.trim()) {
      case 'migrate':
        await withStore(async () => undefined);
        output.out('database is up to date');
        return 0;

      case 'sites import': {
        const text = readTextFile(rest[0]);
        const summary = await withStore((store) => importSites(store, text));
        output.out(
          `sites imported: ${summary.created} created, ${summary.updated} updated (${summary.total} in the file)`,
        );
        return 0;
      }

      case 'directory import': {
        const text = readTextFile(rest[0]);
        const today = calendarDateIn(new Date(), loadConfig().timeZone);
        const summary = await withStore((store) =>
          importDirectory(store, text, {
            today,
            now: new Date().toISOString(),
            importedBy: `import:${basename(rest[0] ?? 'directory.csv')}`,
            newId: () => crypto.randomUUID(),
          }),
        );
        output.out(
          `directory imported: ${summary.created} created, ${summary.updated} updated, ${summary.deactivated} deactivated (${summary.total} in the file)`,
        );
        return 0;
      }

      case 'hours import': {
        const reasonAt = rest.indexOf('--reason');
        const reason = reasonAt >= 0 ? rest[reasonAt + 1] : undefined;
        if (reasonAt >= 0 && (!reason || reason.startsWith('--') || !reason.trim()))
          throw new UsageError('--reason needs a text, e.g. --reason "correction after payroll check"');
        const positional = rest.filter((arg, index) => !arg.startsWith('--') && index !== reasonAt + 1);
        const path = reasonAt >= 0 ? positional[0] : rest.find((arg) => !arg.startsWith('--'));
        const unknown = rest.filter(
          (arg) => arg.startsWith('--') && arg !== '--dry-run' && arg !== '--reason',
        );
        if (!path) throw new UsageError('a FILE is required');
        if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(' ')}`);
        const format = /\.(csv|txt)$/i.test(path) ? 'csv' : /\.xlsx$/i.test(path) ? 'xlsx' : null;
        if (!format)
          throw new UsageError(`${path}: the file must be .csv, .txt or .xlsx (save an .xls as .xlsx)`);
        let bytes: Buffer;
        try {
          bytes = readFileSync(resolve(path));
        } catch (error) {
          throw new UsageError(
            `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
          );
        }
        const { importHours } = await import('./domain/hours/import-hours.js');
        const { HOURS_FILE_COLUMNS } = await import('./domain/hours/hours-file.js');
        const { readCsvRows, readXlsxRows } = await import('./integrations/spreadsheet-rows.js');
        const sheet =
          format === 'csv'
            ? readCsvRows(bytes, HOURS_FILE_COLUMNS)
            : await readXlsxRows(bytes, HOURS_FILE_COLUMNS);
        const today = calendarDateIn(new Date(), loadConfig().timeZone);
        const summary = await withStore((store) =>
          importHours(store, sheet, {
            dryRun: rest.includes('--dry-run'),
            today,
            importedBy: `import:${path.split(/[\\/]/).pop() ?? path}`,
            now: new Date(),
            newId: () => crypto.randomUUID(),
            reason: reason ?? null,
          }),
        );
        const what = `${summary.entries} entries for ${summary.people} people on ${summary.days} days`;
        output.out(
          `${summary.dryRun ? `dry run, nothing written: would import ${what}` : `hours imported: ${what}`}; ` +
            `${summary.skippedDuplicates} rows already recorded were skipped`,
        );
        return 0;
      }

      case 'demo seed': {
        const force = rest.includes('--force');
        const withHours = !rest.includes('--no-hours');
        const { seedDemoHours } = await import('./demo/seed-demo.js');
        const now = new Date();
        const today = calendarDateIn(now, loadConfig().timeZone);
        const { outcome, hours } = await withStore(async (store) => ({
          outcome: await seedDemoOrganisation(store, { force }),
          // Also into a demo database seeded before demo hours existed; never next to real hours.
          hours: withHours
            ? await seedDemoHours(store, {
                today,
                createdAt: now.toISOString(),
                newId: () => crypto.randomUUID(),
              })
            : null,
        }));
        output.out(
          outcome.seeded
            ? `demo organisation seeded: ${outcome.people} people, ${outcome.sites} sites`
            : 'the database already holds people; nothing seeded (use --force to add the demo organisation anyway)',
        );
        if (hours)
          output.out(
            hours.seeded
              ? `demo hours seeded: ${hours.entries} entries for ${hours.people} people, ${hours.from} to ${hours.to}`
              : hours.reason === 'not_empty'
                ? 'the database already holds hours; no demo hours added'
                : 'the demo organisation is not in the database; no demo hours added',
          );
        return 0;
      }

      case 'demo csv': {
        const outIndex = rest.indexOf('--out');
        const folder = outIndex >= 0 ? rest[outIndex + 1] : undefined;
        if (!folder) throw new UsageError('--out FOLDER is required');
        const organisation = generateDemoOrganisation();
        mkdirSync(folder, { recursive: true });
        writeFileSync(join(folder, 'sites.csv'), demoSitesCsv(organisation));
        writeFileSync(join(folder, 'directory.csv'), demoDirectoryCsv(organisation));
        output.out(`wrote ${join(folder, 'sites.csv')} and ${join(folder, 'directory.csv')}`);
        return 0;
      }

      case 'export rht': {
        const option = (name: string) => {
          const index = rest.indexOf(name);
          return index >= 0 ? rest[index + 1] : undefined;
        };
        const month = option('--month');
        const format = option('--format') ?? 'csv';
        const out = option('--out');
        if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
          throw new UsageError('--month YYYY-MM is required');
        if (format !== 'csv' && format !== 'xlsx') throw new UsageError('--format must be csv or xlsx');
        if (!out) throw new UsageError('--out FILE is required');
        const config = loadConfig();
        const today = calendarDateIn(new Date(), config.timeZone);
        const report = await withStore((store) => buildMonthlyRhtReport(store, { month, today }));
        const locale = option('--lang') ?? 'de-CH';
        const content =
          format === 'csv' ? rhtReportCsv(report, { locale }) : await rhtReportXlsx(report, { locale });
        writeFileSync(resolve(out), content);
        output.out(
          `RHT report ${month}${report.provisional ? ' (provisional)' : ''}: ${report.rows.length} employees, written to ${out}`,
        );
        return 0;
      }

      case 'month status':
      case 'month lock':
      case 'month unlock': {
        const month = rest[0];
        if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
          throw new UsageError('a month YYYY-MM is required');
        const option = (name: string) => {
          const index = rest.indexOf(name);
          return index >= 0 ? rest[index + 1] : undefined;
        };
        const by = option('--by');
        const reason = option('--reason');
        if (subcommand !== 'status' && !by) throw new UsageError('--by HR-PERSON (id or e-mail) is required');
        if (subcommand === 'unlock' && !reason?.trim()) throw new UsageError('--reason TEXT is required');
        const config = loadConfig();
        const today = calendarDateIn(new Date(), config.timeZone);
        const { createTimesheetService, monthStatusOf } = await import('./domain/hours/timesheet-service.js');
        const { timesheetRenderer } = await import('./teams/timesheet-actions.js');
        const status = await withStore(async (store) => {
          const service = createTimesheetService({
            ports: store,
            clock: { now: () => new Date() },
            newId: () => crypto.randomUUID(),
            renderer: timesheetRenderer(),
          });
          if (subcommand === 'status') return monthStatusOf(store, month);
          const wanted = by!.toLowerCase();
          const actor =
            (await store.directory.findPerson(by!)) ??
            (await store.directory.listPeople()).find((person) => person.email?.toLowerCase() === wanted);
          if (!actor) throw new UsageError(`${by} is not in the directory`);
          if (subcommand === 'lock') return (await service.lockMonth({ actor, month, today })).status;
          return service.unlockMonth({ actor, month, reason: reason! });
        });
        const { pending, approved, sentBack } = status.approvals;
        const lock = status.lock
          ? `locked on ${status.lock.lockedAt} by ${status.lock.lockedBy}` +
            (status.lock.changedAfterLockAt
              ? `; changed after the lock (${status.lock.changesAfterLock} change(s), first on ${status.lock.changedAfterLockAt})`
              : '')
          : 'not locked';
        output.out(
          `${month}: ${lock}; timesheets ${approved} approved, ${pending} pending, ${sentBack} sent back`,
        );
        return 0;
      }

      case 'serve': {
        const { startCrewdesk } = await import('./main.js');
        const running = await startCrewdesk({ config: loadConfig() });
        output.out(`Crewdesk runs on ${running.url}`);
        return await new Promise<number>(() => undefined);
      }

      case 'help':
      case '--help':
      case '-h':
      case '':
        output.out(USAGE);
        return command ? 0 : 2;

      default:
        output.err(`unknown command: ${argv.join(' ')}\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`crewdesk: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      output.err(error.message);
      return 1;
    }
    if (isDomainError(error)) {
      output.err(`crewdesk: ${error.message}`);
      const problems = (error.details.problems ?? []) as ProblemLine[];
      for (const line of describeProblems(problems)) output.err(line);
      return 1;
    }
    output.err(`crewdesk: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
