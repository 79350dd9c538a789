import { parse } from 'csv-parse/sync';
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { demoDirectoryCsv, demoSitesCsv } from '../../../src/demo/demo-csv.js';
import {
  ALEX_WILBER_AAD_OBJECT_ID,
  featuredDemoPeople,
  generateDemoOrganisation,
  type DemoOrganisation,
} from '../../../src/demo/demo-organisation.js';
import { ROLES, WEEKDAYS, type Person, type Role } from '../../../src/domain/directory/people.js';
import { SUPPORTED_LOCALES } from '../../../src/domain/shared/locale.js';

const org = generateDemoOrganisation();
const personById = new Map(org.people.map((person) => [person.aadObjectId, person]));
const siteById = new Map(org.sites.map((site) => [site.id, site]));
const stores = org.sites.filter((site) => site.kind === 'store');
const withRole = (role: Role) => org.people.filter((person) => person.roles.includes(role));
const reportsOf = (manager: Person) =>
  org.people.filter((person) => person.managerAadObjectId === manager.aadObjectId);

/** The official rule: weights 1, 3, 1, 3… over the first twelve digits, then round up to ten. */
function hasValidAhvCheckDigit(ahv: string): boolean {
  const digits = ahv.replaceAll('.', '').split('').map(Number);
  const weighted = digits.slice(0, 12).reduce((sum, digit, i) => sum + digit * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (weighted % 10)) % 10 === digits[12];
}

function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header = []] = parse(text, { to_line: 1 }) as string[][];
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return { header, rows };
}

describe('the demo organisation', () => {
  it('has exactly 1,500 people, about 1,050 in stores and 450 at head office', () => {
    expect(org.people).toHaveLength(1500);
    const atHeadOffice = org.people.filter((person) => person.siteId === 'HQ');
    expect(atHeadOffice).toHaveLength(450);
  });

  it('has 167 stores and one head office, with unique ids and names', () => {
    expect(stores).toHaveLength(167);
    expect(stores.map((store) => store.id)).toEqual(
      Array.from({ length: 167 }, (_, i) => `S${String(i + 1).padStart(3, '0')}`),
    );
    expect(new Set(org.sites.map((site) => site.name)).size).toBe(org.sites.length);
    const headOffice = siteById.get('HQ');
    expect(headOffice).toMatchObject({ kind: 'office', capPercent: 50, minStaff: null });
    expect(headOffice?.seats).toBeGreaterThanOrEqual(350);
    expect(headOffice?.openDays).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
  });

  it('opens stores Monday to Saturday with a minimum staff of 2 or 3 and a 50 % cap', () => {
    for (const store of stores) {
      expect(store.openDays).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
      expect([2, 3]).toContain(store.minStaff);
      expect(store.capPercent).toBe(50);
      expect(store.seats).toBeGreaterThanOrEqual(6);
      expect(store.seats).toBeLessThanOrEqual(40);
    }
  });

  it('puts every site in a canton date-holidays knows, and every canton has a store', () => {
    const cantons = Object.keys(new Holidays().getStates('CH') ?? {});
    expect(cantons).toHaveLength(26);
    for (const site of org.sites) {
      expect(cantons).toContain(site.canton);
    }
    expect(new Set(stores.map((store) => store.canton))).toEqual(new Set(cantons));
  });

  it('gives every store 4 to 12 staff with exactly one store manager, who leads the rest', () => {
    for (const store of stores) {
      const staff = org.people.filter((person) => person.siteId === store.id);
      expect(staff.length).toBeGreaterThanOrEqual(4);
      expect(staff.length).toBeLessThanOrEqual(12);
      const managers = staff.filter((person) => person.roles.includes('manager'));
      expect(managers).toHaveLength(1);
      const [storeManager] = managers as [Person];
      expect(storeManager.roles).toEqual(['employee', 'manager']);
      for (const person of staff) {
        expect(person.team).toBe(store.name);
        if (person !== storeManager) {
          expect(person.roles).toEqual(['employee']);
          expect(person.managerAadObjectId).toBe(storeManager.aadObjectId);
        }
      }
      const regionalManager = personById.get(storeManager.managerAadObjectId ?? '');
      expect(regionalManager?.team).toMatch(/^Sales Region /);
      expect(regionalManager?.siteId).toBe('HQ');
    }
  });

  it('resolves every manager reference, without cycles, up to a single CEO', () => {
    const roots = org.people.filter((person) => person.managerAadObjectId === null);
    expect(roots).toHaveLength(1);
    const topOf = (person: Person): Person | 'dangling' | 'cycle' => {
      const seen = new Set<string>();
      let current = person;
      while (current.managerAadObjectId !== null) {
        if (seen.has(current.aadObjectId)) return 'cycle';
        seen.add(current.aadObjectId);
        const manager = personById.get(current.managerAadObjectId);
        if (!manager) return 'dangling';
        current = manager;
      }
      return current;
    };
    const astray = org.people.filter((person) => topOf(person) !== roots[0]);
    expect(astray).toEqual([]);
  });

  it('gives everyone a unique id, display name and email', () => {
    const unique = (values: unknown[]) => new Set(values).size;
    expect(unique(org.people.map((person) => person.aadObjectId))).toBe(1500);
    expect(unique(org.people.map((person) => person.displayName))).toBe(1500);
    expect(unique(org.people.map((person) => person.email?.toLowerCase()))).toBe(1500);
    const badEmails = org.people.filter(
      (person) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+@crewdesk-demo\.ch$/.test(person.email ?? ''),
    );
    expect(badEmails).toEqual([]);
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const notGuids = org.people.filter(
      (person) => person.aadObjectId !== ALEX_WILBER_AAD_OBJECT_ID && !guid.test(person.aadObjectId),
    );
    expect(notGuids).toEqual([]);
  });

  it('fills every person in as an active directory entry with a team, a site, a known locale and roles in ROLES order', () => {
    const incomplete = org.people.filter(
      (person) =>
        !person.active ||
        person.source !== 'directory' ||
        !person.team ||
        !siteById.has(person.siteId ?? '') ||
        !SUPPORTED_LOCALES.includes(person.locale) ||
        !person.roles.includes('employee') ||
        person.roles.join() !== ROLES.filter((role) => person.roles.includes(role)).join(),
    );
    expect(incomplete).toEqual([]);
  });

  it('speaks the language of the region: Italian in Ticino, French in Geneva, German in Zürich', () => {
    const localesIn = (canton: string) =>
      org.people.filter(
        (person) => siteById.get(person.siteId ?? '')?.canton === canton && person.siteId !== 'HQ',
      );
    const share = (people: Person[], locale: string) =>
      people.filter((person) => person.locale === locale).length / people.length;
    expect(share(localesIn('TI'), 'it-CH')).toBeGreaterThan(0.9);
    expect(share(localesIn('GE'), 'fr-CH')).toBeGreaterThan(0.9);
    expect(share(localesIn('ZH'), 'de-CH')).toBeGreaterThan(0.9);
    const english = org.people.filter((person) => person.locale === 'en').length;
    expect(english).toBeGreaterThan(0);
    expect(english).toBeLessThan(75);
  });

  it('includes the Playground user Alex Wilber as manager of a store team of at least six', () => {
    const alex = personById.get(ALEX_WILBER_AAD_OBJECT_ID);
    expect(alex).toMatchObject({
      displayName: 'Alex Wilber',
      email: 'alex.wilber@crewdesk-demo.ch',
      locale: 'en',
      roles: ['employee', 'manager'],
    });
    const store = siteById.get(alex?.siteId ?? '');
    expect(store?.kind).toBe('store');
    expect(alex?.team).toBe(store?.name);
    const reports = reportsOf(alex as Person);
    expect(reports.length).toBeGreaterThanOrEqual(6);
    for (const report of reports) expect(report.team).toBe(store?.name);
  });

  it('has role counts in the planned ranges', () => {
    const admins = withRole('admin');
    expect(admins).toHaveLength(2);
    for (const admin of admins) expect(admin.roles).toContain('hr');
    const hrOfficers = withRole('hr').filter((person) => !person.roles.includes('admin'));
    expect(hrOfficers.length).toBeGreaterThanOrEqual(5);
    expect(hrOfficers.length).toBeLessThanOrEqual(8);
    const itAgents = withRole('it');
    expect(itAgents.length).toBeGreaterThanOrEqual(12);
    expect(itAgents.length).toBeLessThanOrEqual(20);
    for (const agent of itAgents) expect(agent.team).toMatch(/^IT /);
    const regionalManagers = org.people.filter(
      (person) => person.team?.startsWith('Sales Region ') && person.roles.includes('manager'),
    );
    expect(regionalManagers.length).toBeGreaterThanOrEqual(6);
    expect(regionalManagers.length).toBeLessThanOrEqual(10);
    const headOfficeManagers = withRole('manager').filter((person) => person.siteId === 'HQ');
    expect(headOfficeManagers.length).toBeGreaterThanOrEqual(20);
    expect(withRole('manager').length).toBe(167 + headOfficeManagers.length);
  });

  it('gives everyone one valid contract from 2020-01-01, a fifth or so part-time', () => {
    expect(org.contracts).toHaveLength(org.people.length);
    expect(new Set(org.contracts.map((contract) => contract.aadObjectId))).toEqual(
      new Set(personById.keys()),
    );
    const invalid = org.contracts.filter(
      (contract) =>
        contract.validFrom !== '2020-01-01' ||
        !Number.isInteger(contract.weeklyMinutes) ||
        contract.weeklyMinutes <= 0 ||
        contract.weeklyMinutes > 42 * 60 ||
        contract.workDays.length === 0 ||
        new Set(contract.workDays).size !== contract.workDays.length ||
        contract.workDays.some((day) => !WEEKDAYS.includes(day)) ||
        // Part-time rates are spread over fewer days, never into days longer than a full-timer's.
        contract.weeklyMinutes / contract.workDays.length > 8.4 * 60,
    );
    expect(invalid).toEqual([]);
    const partTime = org.contracts.filter((contract) => contract.weeklyMinutes < 42 * 60).length;
    expect(partTime / org.contracts.length).toBeGreaterThan(0.1);
    expect(partTime / org.contracts.length).toBeLessThan(0.3);
    const headOfficeSaturdays = org.contracts.filter(
      (contract) =>
        personById.get(contract.aadObjectId)?.siteId === 'HQ' && contract.workDays.includes('Sat'),
    );
    expect(headOfficeSaturdays).toEqual([]);
  });

  it('gives AHV numbers the 756 prefix and a valid EAN-13 check digit, some left empty', () => {
    // A widely used sample number, then the same with a wrong check digit.
    expect(hasValidAhvCheckDigit('756.1234.5678.97')).toBe(true);
    expect(hasValidAhvCheckDigit('756.1234.5678.96')).toBe(false);
    const numbers = org.people.flatMap((person) => (person.ahvNumber === null ? [] : [person.ahvNumber]));
    expect(numbers.length).toBeGreaterThan(1300);
    expect(numbers.length).toBeLessThan(1500);
    const invalid = numbers.filter(
      (ahv) => !/^756\.\d{4}\.\d{4}\.\d{2}$/.test(ahv) || !hasValidAhvCheckDigit(ahv),
    );
    expect(invalid).toEqual([]);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('is the same for the same seed and differs for another seed', () => {
    expect(generateDemoOrganisation()).toEqual(org);
    expect(generateDemoOrganisation({ seed: 42 })).toEqual(generateDemoOrganisation({ seed: 42 }));
    const other = generateDemoOrganisation({ seed: 43 });
    expect(other.people.map((person) => person.aadObjectId)).not.toEqual(
      org.people.map((person) => person.aadObjectId),
    );
    expect(other.sites).toEqual(org.sites);
    expect(other.people).toHaveLength(1500);
    expect(other.people.find((person) => person.aadObjectId === ALEX_WILBER_AAD_OBJECT_ID)?.team).toBe(
      'Lausanne Flon',
    );
  });
});

describe('the featured demo people', () => {
  const featured = featuredDemoPeople(org).map((id) => personById.get(id) as Person);
  const siteOf = (person: Person) => siteById.get(person.siteId ?? '');

  it('offers one person of each kind, Alex Wilber first', () => {
    expect(featured).toHaveLength(8);
    expect(new Set(featured).size).toBe(8);
    const [alex, storeEmployee, hrOfficer, itAgent, admin, teamManager, ticinese, germanSpeaker] =
      featured as [Person, Person, Person, Person, Person, Person, Person, Person];
    expect(alex.aadObjectId).toBe(ALEX_WILBER_AAD_OBJECT_ID);
    expect(storeEmployee.managerAadObjectId).toBe(ALEX_WILBER_AAD_OBJECT_ID);
    expect(storeEmployee.roles).toEqual(['employee']);
    expect(hrOfficer.roles).toEqual(['employee', 'hr']);
    expect(itAgent.roles).toEqual(['employee', 'it']);
    expect(admin.roles).toContain('admin');
    expect(teamManager.siteId).toBe('HQ');
    expect(teamManager.roles).toContain('manager');
    expect(reportsOf(teamManager).length).toBeGreaterThan(0);
    expect(ticinese.locale).toBe('it-CH');
    expect(siteOf(ticinese)?.canton).toBe('TI');
    expect(germanSpeaker.locale).toBe('de-CH');
    expect(siteOf(germanSpeaker)?.kind).toBe('store');
  });
});

describe('the demo CSV files', () => {
  it('write the sites in the import format, one row per site', () => {
    const { header, rows } = parseCsv(demoSitesCsv(org));
    expect(header).toEqual([
      'id',
      'name',
      'canton',
      'kind',
      'seats',
      'cap_percent',
      'min_staff',
      'open_days',
    ]);
    expect(rows).toHaveLength(org.sites.length);
    expect(rows.find((row) => row.id === 'HQ')).toMatchObject({
      kind: 'office',
      min_staff: '',
      open_days: 'Mon;Tue;Wed;Thu;Fri',
    });
    for (const [i, site] of org.sites.entries()) {
      expect(rows[i]).toMatchObject({
        id: site.id,
        name: site.name,
        canton: site.canton,
        seats: String(site.seats),
      });
    }
  });

  it('write the directory in the import format, one row per person, readable back', () => {
    const { header, rows } = parseCsv(demoDirectoryCsv(org));
    expect(header).toEqual([
      'aad_object_id',
      'display_name',
      'email',
      'team',
      'site',
      'manager_aad_object_id',
      'roles',
      'locale',
      'weekly_hours',
      'work_days',
      'contract_from',
      'ahv_number',
    ]);
    expect(rows).toHaveLength(org.people.length);
    const contractOf = new Map(org.contracts.map((contract) => [contract.aadObjectId, contract]));
    for (const [i, person] of org.people.entries()) {
      const row = rows[i] as Record<string, string>;
      const contract = contractOf.get(person.aadObjectId);
      expect(row).toEqual({
        aad_object_id: person.aadObjectId,
        display_name: person.displayName,
        email: person.email,
        team: person.team,
        site: person.siteId,
        manager_aad_object_id: person.managerAadObjectId ?? '',
        roles: person.roles.join(';'),
        locale: person.locale,
        weekly_hours: expect.stringMatching(/^\d+(\.\d+)?$/),
        work_days: contract?.workDays.join(';'),
        contract_from: '2020-01-01',
        ahv_number: person.ahvNumber ?? '',
      });
      expect(Math.round(Number(row.weekly_hours) * 60)).toBe(contract?.weeklyMinutes);
    }
    expect(rows.find((row) => row.aad_object_id === ALEX_WILBER_AAD_OBJECT_ID)?.roles).toBe(
      'employee;manager',
    );
    expect(new Set(rows.map((row) => row.weekly_hours))).toContain('33.6');
  });

  it('quote names that contain commas or quotes', () => {
    const tricky: DemoOrganisation = {
      sites: [{ ...(org.sites[0] as DemoOrganisation['sites'][number]), name: 'Genève "Rive", quai' }],
      people: [],
      contracts: [],
    };
    const text = demoSitesCsv(tricky);
    expect(text).toContain('"Genève ""Rive"", quai"');
    expect(parseCsv(text).rows[0]?.name).toBe('Genève "Rive", quai');
  });
});
