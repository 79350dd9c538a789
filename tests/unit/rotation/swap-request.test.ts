import { describe, expect, it } from 'vitest';
import type { Person } from '../../../src/domain/directory/people.js';
import type { PlannedPerson, RotationSite } from '../../../src/domain/rotation/rotation-plan.js';
import {
  chooseApprovers,
  decideSwapRequest,
  evaluateSwap,
  withdrawSwapRequest,
  type RotationSwapRequest,
} from '../../../src/domain/rotation/swap-request.js';
import { addDays } from '../../../src/domain/shared/calendar-date.js';

/**
 * One week of an office (cap 5): cohort A on site Monday, Wednesday and Friday, cohort B Tuesday
 * and Thursday. Anna (A) and Dan (B) are the critical people, one per cohort.
 */
const MONDAY = '2026-11-30';
const dates = Array.from({ length: 7 }, (_, index) => addDays(MONDAY, index));
const site: RotationSite = {
  id: 'HQ',
  kind: 'office',
  seats: 10,
  capPercent: 50,
  minStaff: null,
  openDays: null,
};
const ON_SITE: Record<string, number[]> = { A: [0, 2, 4], B: [1, 3] };

function planned(
  id: string,
  cohort: 'A' | 'B',
  options: { critical?: boolean; off?: string[] } = {},
): PlannedPerson {
  return {
    id,
    siteId: 'HQ',
    cohortId: cohort,
    critical: options.critical ?? false,
    days: dates.map((date, index) =>
      index >= 5 || options.off?.includes(date)
        ? { date, place: 'off' as const, cohort: null }
        : { date, place: ON_SITE[cohort]!.includes(index) ? ('office' as const) : ('home' as const), cohort },
    ),
  };
}

const team = (overrides: { benOff?: string[] } = {}) => [
  planned('anna', 'A', { critical: true }),
  planned('carla', 'A'),
  planned('ben', 'B', { off: overrides.benOff ?? [] }),
  planned('dan', 'B', { critical: true }),
];

const swap = (
  requester: string,
  partner: string,
  date: string | null,
  today = MONDAY,
  people: PlannedPerson[] = team(),
) => evaluateSwap({ site, people, dates, requester, partner, date, today });

function refusalOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return { code: (error as { code?: string }).code, ...(error as { details: object }).details };
  }
  throw new Error('the swap was not refused');
}

describe('whether a swap request can be granted', () => {
  it('swaps one day: each takes the other’s place and cohort that day, nothing else moves', () => {
    const outcome = swap('anna', 'ben', '2026-12-01');
    expect(outcome.changes).toEqual([
      { aadObjectId: 'anna', date: '2026-12-01', before: 'home', after: 'office' },
      { aadObjectId: 'ben', date: '2026-12-01', before: 'office', after: 'home' },
    ]);
    const anna = outcome.people.find((person) => person.id === 'anna')!;
    expect(anna.days[1]).toEqual({ date: '2026-12-01', place: 'office', cohort: 'B' });
    expect(anna.days[0]).toEqual({ date: MONDAY, place: 'office', cohort: 'A' });
  });

  it('swaps the whole rotation only from today on: past days stay as they were', () => {
    const wednesday = '2026-12-02';
    const outcome = swap('carla', 'ben', null, wednesday);
    expect(outcome.changes.every((change) => change.date >= wednesday)).toBe(true);
    expect(outcome.changes).toHaveLength(6);
    const carla = outcome.people.find((person) => person.id === 'carla')!;
    expect(carla.days.map((day) => day.place)).toEqual([
      'office',
      'home',
      'home',
      'office',
      'home',
      'off',
      'off',
    ]);
    expect(carla.days[3]?.cohort).toBe('B');
  });

  it('refuses a swap that would leave the site without its critical person, naming the rule', () => {
    expect(refusalOf(() => swap('anna', 'ben', MONDAY))).toMatchObject({
      code: 'rotation.swap_refused',
      reason: 'rule',
      rule: 'no_critical',
    });
  });

  it('refuses a swap on a day one of the two does not work', () => {
    const people = team({ benOff: ['2026-12-03'] });
    expect(refusalOf(() => swap('anna', 'ben', '2026-12-03', MONDAY, people))).toMatchObject({
      reason: 'not_work_day',
      date: '2026-12-03',
    });
  });

  it('refuses a partner outside the rotation, oneself, and two people planned alike', () => {
    expect(refusalOf(() => swap('anna', 'zoe', null))).toMatchObject({ reason: 'partner_not_member' });
    expect(refusalOf(() => swap('anna', 'anna', null))).toMatchObject({ reason: 'self' });
    expect(refusalOf(() => swap('anna', 'carla', null))).toMatchObject({ reason: 'nothing_to_swap' });
  });

  it('refuses dates outside the rotation, days already past and a rotation that is over', () => {
    expect(refusalOf(() => swap('anna', 'ben', '2026-12-10'))).toMatchObject({ reason: 'date_outside' });
    expect(refusalOf(() => swap('carla', 'ben', MONDAY, '2026-12-02'))).toMatchObject({
      reason: 'date_past',
    });
    expect(refusalOf(() => swap('carla', 'ben', null, '2026-12-07'))).toMatchObject({
      reason: 'rotation_over',
    });
  });
});

const pending: RotationSwapRequest = {
  id: 'r1',
  rotationId: 'rot',
  requesterAadObjectId: 'anna',
  partnerAadObjectId: 'ben',
  date: '2026-12-01',
  reason: 'dentist',
  approverAadObjectIds: ['mia'],
  status: 'pending',
  requestedAt: '2026-11-30T08:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  comment: null,
  version: 1,
};
const decision = (kind: 'approve' | 'reject', comment: string | null = null) => ({
  kind,
  by: 'mia',
  at: '2026-11-30T09:00:00.000Z',
  comment,
});

describe('a swap request’s life', () => {
  it('records an approval once: the same decision again changes nothing', () => {
    const approved = decideSwapRequest(pending, decision('approve'))!;
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'mia', version: 2 });
    expect(decideSwapRequest(approved, decision('approve'))).toBeNull();
  });

  it('keeps a rejection’s comment, and a blank comment is none', () => {
    expect(decideSwapRequest(pending, decision('reject', '  busy week  '))).toMatchObject({
      status: 'rejected',
      comment: 'busy week',
    });
    expect(decideSwapRequest(pending, decision('reject', '   '))?.comment).toBeNull();
  });

  it('refuses to reverse a decision or to decide a withdrawn request', () => {
    const approved = decideSwapRequest(pending, decision('approve'))!;
    expect(() => decideSwapRequest(approved, decision('reject'))).toThrow(
      expect.objectContaining({ code: 'rotation.swap_closed' }),
    );
    const withdrawn = withdrawSwapRequest(pending, { at: '2026-11-30T08:30:00.000Z' })!;
    expect(withdrawn).toMatchObject({ status: 'withdrawn', version: 2 });
    expect(() => decideSwapRequest(withdrawn, decision('approve'))).toThrow(
      expect.objectContaining({
        code: 'rotation.swap_closed',
        details: expect.objectContaining({ status: 'withdrawn' }),
      }),
    );
  });

  it('withdraws once, and not after a decision', () => {
    const withdrawn = withdrawSwapRequest(pending, { at: 'x' })!;
    expect(withdrawSwapRequest(withdrawn, { at: 'y' })).toBeNull();
    const rejected = decideSwapRequest(pending, decision('reject'))!;
    expect(() => withdrawSwapRequest(rejected, { at: 'y' })).toThrow(
      expect.objectContaining({ code: 'rotation.swap_closed' }),
    );
  });
});

const person = (
  id: string,
  roles: Person['roles'] = ['employee'],
  overrides: Partial<Person> = {},
): Person => ({
  aadObjectId: id,
  displayName: id,
  email: null,
  team: null,
  siteId: 'HQ',
  managerAadObjectId: null,
  roles,
  locale: 'fr-CH',
  ahvNumber: null,
  active: true,
  source: 'directory',
  ...overrides,
});

describe('who is asked to decide on a swap', () => {
  const anna = person('anna');
  const ben = person('ben');
  const boss = person('boss', ['employee', 'manager']);
  const area = person('area', ['employee', 'manager']);
  const siteManagers = [person('sm2', ['manager']), person('sm1', ['manager'])];
  const hr = person('hr', ['hr']);
  const admin = person('admin', ['admin']);
  const everyone = [anna, ben, boss, area, ...siteManagers, hr, admin];

  it('asks the requester’s own manager when they may manage the rotation', () => {
    expect(
      chooseApprovers({
        requester: anna,
        partner: ben,
        chain: [boss, area],
        mayManage: () => true,
        everyone,
      }),
    ).toEqual(['boss']);
  });

  it('goes up the chain to the nearest manager who may manage the rotation', () => {
    const mayManage = (candidate: Person) => candidate.aadObjectId !== 'boss';
    expect(
      chooseApprovers({ requester: anna, partner: ben, chain: [boss, area], mayManage, everyone }),
    ).toEqual(['area']);
  });

  it('falls back to every manager of the rotation, then HR, then admins', () => {
    const siteOnly = (candidate: Person) =>
      candidate.aadObjectId.startsWith('sm') || candidate.roles.includes('hr');
    expect(
      chooseApprovers({ requester: anna, partner: ben, chain: [boss], mayManage: siteOnly, everyone }),
    ).toEqual(['sm1', 'sm2']);
    const hrOnly = (candidate: Person) => candidate.roles.includes('hr');
    expect(
      chooseApprovers({ requester: anna, partner: ben, chain: [boss], mayManage: hrOnly, everyone }),
    ).toEqual(['hr']);
    expect(
      chooseApprovers({
        requester: anna,
        partner: ben,
        chain: [],
        mayManage: () => false,
        everyone: [anna, ben, admin],
      }),
    ).toEqual(['admin']);
  });

  it('never asks one of the two people of the swap, nor someone inactive', () => {
    const managerPartner = person('boss-partner', ['employee', 'manager']);
    const gone = person('gone', ['manager'], { active: false });
    expect(
      chooseApprovers({
        requester: anna,
        partner: managerPartner,
        chain: [managerPartner, gone],
        mayManage: () => true,
        everyone: [anna, managerPartner, gone, hr],
      }),
    ).toEqual(['hr']);
  });
});
