import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/store.js';
import { ensureServerBuilt } from '../../scripts/ensure-built.js';
import { startCrewdeskForTest } from '../support/crewdesk-under-test.js';

const run = promisify(execFile);
const projectRoot = join(import.meta.dirname, '..', '..');

interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function crewdesk(args: string[], databaseUrl: string): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run('node', [join(projectRoot, 'bin', 'crewdesk.js'), ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the crewdesk command', () => {
  let folder: string;

  beforeAll(async () => {
    await ensureServerBuilt();
    folder = mkdtempSync(join(tmpdir(), 'crewdesk-cli-'));
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('creates and migrates a missing SQLite database, then exits 0', async () => {
    const databaseUrl = `sqlite:${join(folder, 'nested', 'fresh.db')}`;
    const result = await crewdesk(['migrate'], databaseUrl);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('up to date');
    const store = openStore(databaseUrl);
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
  });

  it('imports the demo organisation from its CSV files, sites first', async () => {
    const databaseUrl = `sqlite:${join(folder, 'import.db')}`;
    const csvFolder = join(folder, 'demo-csv');
    expect((await crewdesk(['demo', 'csv', '--out', csvFolder], databaseUrl)).code).toBe(0);
    const sites = await crewdesk(['sites', 'import', join(csvFolder, 'sites.csv')], databaseUrl);
    expect(sites.stdout).toContain('168 created');
    const people = await crewdesk(['directory', 'import', join(csvFolder, 'directory.csv')], databaseUrl);
    expect(people.code).toBe(0);
    expect(people.stdout).toContain('1500 created');
  });

  it('refuses a file with bad rows, naming each line, and imports nothing', async () => {
    const databaseUrl = `sqlite:${join(folder, 'bad.db')}`;
    const sitesFile = join(folder, 'sites-ok.csv');
    writeFileSync(sitesFile, 'id,name,canton,kind,seats\nGE1,Genève Cornavin,GE,store,10\n');
    await crewdesk(['sites', 'import', sitesFile], databaseUrl);
    const directoryFile = join(folder, 'directory-bad.csv');
    writeFileSync(
      directoryFile,
      [
        'aad_object_id,display_name,email,team,site,manager_aad_object_id,roles,locale,weekly_hours',
        'a1,Anne Favre,anne@example.ch,Cornavin,GE1,,manager;employee,fr-CH,42',
        'a2,Luc Martin,luc@example.ch,Cornavin,GE1,a1,employee,fr-CH,forty',
        'a3,Marc Rey,marc@example.ch,Cornavin,GE1,a1,chef,fr-CH,42',
        'a4,Léa Roux,lea@example.ch,Cornavin,XX9,a1,employee,fr-CH,42',
      ].join('\n'),
    );
    const result = await crewdesk(['directory', 'import', directoryFile], databaseUrl);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/line 3, column weekly_hours/);
    expect(result.stderr).toMatch(/line 4, column roles/);
    expect(result.stderr).toMatch(/line 5, column site/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const store = openStore(databaseUrl);
    expect(await store.directory.countPeople({ includeInactive: true })).toBe(0);
    await store.close();
  });

  it('exports the month’s RHT report as CSV and XLSX files', async () => {
    const databaseUrl = `sqlite:${join(folder, 'rht.db')}`;
    expect((await crewdesk(['demo', 'seed', '--no-hours'], databaseUrl)).code).toBe(0);
    const csvFile = join(folder, 'rht-2026-10.csv');
    const csv = await crewdesk(
      ['export', 'rht', '--month', '2026-10', '--format', 'csv', '--out', csvFile, '--lang', 'fr'],
      databaseUrl,
    );
    expect(csv.code).toBe(0);
    expect(csv.stdout).toMatch(/RHT report 2026-10: \d+ employees/);
    expect(readFileSync(csvFile, 'utf8')).toContain('Alex Wilber');
    const xlsxFile = join(folder, 'rht-2026-10.xlsx');
    const xlsx = await crewdesk(
      ['export', 'rht', '--month', '2026-10', '--format', 'xlsx', '--out', xlsxFile],
      databaseUrl,
    );
    expect(xlsx.code).toBe(0);
    expect(readFileSync(xlsxFile).subarray(0, 2).toString()).toBe('PK');
    const bad = await crewdesk(['export', 'rht', '--month', 'October', '--out', csvFile], databaseUrl);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--month YYYY-MM');
  }, 180_000);

  it('locks a month for an HR officer, reopens it only with a reason, and refuses anyone else', async () => {
    const databaseUrl = `sqlite:${join(folder, 'month-lock.db')}`;
    const store = openStore(databaseUrl);
    await store.migrate();
    const base = {
      team: null,
      siteId: null,
      managerAadObjectId: null,
      locale: 'fr-CH' as const,
      ahvNumber: null,
      active: true,
      source: 'directory' as const,
    };
    await store.directory.upsertPeople([
      {
        ...base,
        aadObjectId: 'hr-1',
        displayName: 'Hanna Roth',
        email: 'hanna.roth@example.ch',
        roles: ['hr'],
      },
      {
        ...base,
        aadObjectId: 'emp-1',
        displayName: 'Léa Morel',
        email: 'lea.morel@example.ch',
        roles: ['employee'],
      },
    ]);
    await store.close();

    const refused = await crewdesk(['month', 'lock', '2026-10', '--by', 'lea.morel@example.ch'], databaseUrl);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('you may not do this');

    const locked = await crewdesk(['month', 'lock', '2026-10', '--by', 'Hanna.Roth@example.ch'], databaseUrl);
    expect(locked.code).toBe(0);
    expect(locked.stdout).toMatch(/^2026-10: locked on \S+ by hr-1; timesheets 0 approved/);

    const noReason = await crewdesk(['month', 'unlock', '2026-10', '--by', 'hr-1'], databaseUrl);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reason TEXT is required');
    const status = await crewdesk(['month', 'status', '2026-10'], databaseUrl);
    expect(status.stdout).toContain('locked on');

    const reopened = await crewdesk(
      ['month', 'unlock', '2026-10', '--by', 'hr-1', '--reason', 'corrected claim'],
      databaseUrl,
    );
    expect(reopened.code).toBe(0);
    expect(reopened.stdout).toContain('2026-10: not locked');
    const audited = openStore(databaseUrl);
    try {
      const trail = await audited.audit.list({ subject: 'month:2026-10', limit: 10 });
      expect(trail.map((event) => [event.action, event.actor, event.reason])).toEqual([
        ['month.unlock', 'hr-1', 'corrected claim'],
        ['month.lock', 'hr-1', null],
      ]);
    } finally {
      await audited.close();
    }
  });

  it('says clearly what is wrong with a missing file or an unknown command', async () => {
    const databaseUrl = `sqlite:${join(folder, 'usage.db')}`;
    const missing = await crewdesk(['directory', 'import', join(folder, 'nope.csv')], databaseUrl);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    const unknown = await crewdesk(['frobnicate'], databaseUrl);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command');
  });

  it('imports into the database of a running server', async () => {
    const server = await startCrewdeskForTest({ env: { CREWDESK_DEMO: 'false' } });
    try {
      const sitesFile = join(folder, 'sites-live.csv');
      writeFileSync(sitesFile, 'id,name,canton,kind,seats\nTI1,Lugano Centro,TI,store,8\n');
      const result = await crewdesk(['sites', 'import', sitesFile], server.databaseUrl);
      expect(result.code).toBe(0);
      expect(await server.store.directory.findSite('TI1')).toMatchObject({
        name: 'Lugano Centro',
        canton: 'TI',
      });
      expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
