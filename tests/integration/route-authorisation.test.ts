import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featuredDemoPeople, generateDemoOrganisation } from '../../src/demo/demo-organisation.js';
import type { Person } from '../../src/domain/directory/people.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';
import { startIdentityProviderStub, type IdentityProviderStub } from '../support/identity-provider-stub.js';

/**
 * Who may call what (issue 5): every API route × every role × the caller's own resource, someone
 * else's, and a caller from a tenant that is not allowed. The table below lists every route the
 * server answers; a route added without a row fails the first test. "allowed" means the request
 * got past authentication and authorisation (any status but 401/403, and no 5xx); "denied" means
 * 403. The demo organisation provides the people: Alex Wilber manages a store whose staff member
 * is "staff"; "employee" is a German store employee with no tie to Alex.
 */

type Role = 'employee' | 'manager' | 'it' | 'hr' | 'admin';
const ROLES: readonly Role[] = ['employee', 'manager', 'it', 'hr', 'admin'];
type Expectation = 'allowed' | 'denied';

interface People {
  byRole: Record<Role, Person>;
  /** Alex's staff member: someone else's resource that Alex manages. */
  staff: Person;
  /** A Ticino employee, erased over and over by the erasure row. */
  stranger: Person;
}

interface Case {
  /** What the request is about, in words. */
  about: string;
  /** The request, built for the caller. */
  request: (caller: Person, people: People) => { path: string; body?: unknown };
  expect: Record<Role, Expectation>;
}

interface Row {
  method: 'GET' | 'POST';
  /** As the server registers it (`:param`). */
  route: string;
  cases: Case[];
}

const everyone: Record<Role, Expectation> = {
  employee: 'allowed',
  manager: 'allowed',
  it: 'allowed',
  hr: 'allowed',
  admin: 'allowed',
};
const only = (...roles: Role[]): Record<Role, Expectation> =>
  Object.fromEntries(ROLES.map((role) => [role, roles.includes(role) ? 'allowed' : 'denied'])) as Record<
    Role,
    Expectation
  >;

const week = 'from=2026-10-05&to=2026-10-11';
const rotationBody = (people: People) => ({
  siteId: people.byRole.manager.siteId,
  pattern: 'ab_weeks',
  startDate: '2026-12-07',
  weeks: 2,
});

/** Routes that need no caller: public, or protected otherwise (the bot's JWT, a token in the URL). */
const NOT_CALLER_ROUTES = [
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'POST /api/messages',
  'GET /api/config',
  // API local mode only: with an Entra app configured it answers 404 to everyone (tested below).
  'GET /api/demo/users',
  'GET /api/me/calendar.ics',
  'GET /',
  'GET /tab',
  'GET /tab/*',
];

const TABLE: Row[] = [
  {
    method: 'GET',
    route: '/api/me',
    cases: [{ about: 'own identity', request: () => ({ path: '/api/me' }), expect: everyone }],
  },
  {
    method: 'GET',
    route: '/api/me/hours',
    cases: [{ about: 'own hours', request: () => ({ path: `/api/me/hours?${week}` }), expect: everyone }],
  },
  {
    method: 'GET',
    route: '/api/users/:aadObjectId/hours',
    cases: [
      {
        about: 'own hours',
        request: (me) => ({ path: `/api/users/${me.aadObjectId}/hours?${week}` }),
        expect: everyone,
      },
      {
        about: 'the store staff member’s hours',
        request: (_me, people) => ({ path: `/api/users/${people.staff.aadObjectId}/hours?${week}` }),
        expect: only('manager', 'hr', 'admin'),
      },
    ],
  },
  {
    method: 'GET',
    route: '/api/reports/rht',
    cases: [
      {
        about: 'the RHT report',
        request: () => ({ path: '/api/reports/rht?month=2026-10' }),
        expect: only('hr', 'admin'),
      },
    ],
  },
  {
    method: 'GET',
    route: '/api/schedule',
    cases: [
      { about: 'own team’s schedule', request: () => ({ path: `/api/schedule?${week}` }), expect: everyone },
      {
        about: 'the schedule of Alex’s store',
        request: (_me, people) => ({ path: `/api/schedule?${week}&site=${people.byRole.manager.siteId}` }),
        expect: only('manager', 'hr', 'admin'),
      },
      {
        about: 'the whole organisation’s week',
        request: () => ({ path: `/api/schedule?scope=organisation&${week}` }),
        expect: only('hr', 'admin'),
      },
    ],
  },
  {
    method: 'GET',
    route: '/api/rotations',
    cases: [
      {
        about: 'own site’s rotations',
        request: (me) => ({ path: `/api/rotations?site=${me.siteId}&${week}` }),
        expect: everyone,
      },
      {
        about: 'the rotations of Alex’s store',
        request: (_me, people) => ({ path: `/api/rotations?site=${people.byRole.manager.siteId}&${week}` }),
        expect: only('manager', 'hr', 'admin'),
      },
    ],
  },
  {
    method: 'POST',
    route: '/api/rotations/generate',
    cases: [
      {
        about: 'a draft rotation of Alex’s store',
        request: (_me, people) => ({ path: '/api/rotations/generate', body: rotationBody(people) }),
        expect: only('manager', 'hr', 'admin'),
      },
    ],
  },
  {
    method: 'POST',
    route: '/api/rotations/:id/publish',
    cases: [
      {
        about: 'publishing a draft of Alex’s store',
        request: (_me, people) => ({ path: `/api/rotations/${draftId(people)}/publish`, body: {} }),
        expect: only('manager', 'hr', 'admin'),
      },
    ],
  },
  {
    method: 'POST',
    route: '/api/rotations/:id/swap',
    cases: [
      {
        about: 'swapping days in a draft of Alex’s store',
        request: (_me, people) => ({
          path: `/api/rotations/${draftId(people)}/swap`,
          body: { a: people.staff.aadObjectId, b: people.byRole.manager.aadObjectId },
        }),
        expect: only('manager', 'hr', 'admin'),
      },
    ],
  },
  {
    method: 'POST',
    route: '/api/rotations/:id/swap-requests',
    cases: [
      {
        about: 'asking to swap days with the staff member in the published rotation of Alex’s store',
        request: (_me, people) => ({
          path: `/api/rotations/${swaps.publishedId}/swap-requests`,
          body: { partner: people.staff.aadObjectId, date: '2026-12-08' },
        }),
        // Only members of the rotation ask; Alex works in his store.
        expect: only('manager'),
      },
    ],
  },
  {
    method: 'GET',
    route: '/api/rotations/:id/swap-requests',
    cases: [
      {
        about: 'the swap requests of the published rotation of Alex’s store',
        request: () => ({ path: `/api/rotations/${swaps.publishedId}/swap-requests` }),
        expect: only('manager', 'hr', 'admin'),
      },
    ],
  },
  {
    method: 'POST',
    route: '/api/swap-requests/:id/decision',
    cases: [
      {
        about: 'rejecting a swap between two members of Alex’s store',
        request: () => ({
          path: `/api/swap-requests/${swaps.othersId}/decision`,
          body: { decision: 'reject' },
        }),
        expect: only('manager', 'hr', 'admin'),
      },
      {
        about: 'deciding on a swap of one’s own days',
        request: () => ({
          path: `/api/swap-requests/${swaps.alexsId}/decision`,
          body: { decision: 'reject' },
        }),
        expect: only('hr', 'admin'),
      },
    ],
  },
  {
    method: 'POST',
    route: '/api/swap-requests/:id/withdraw',
    cases: [
      {
        about: 'withdrawing Alex’s own swap request',
        request: () => ({ path: `/api/swap-requests/${swaps.alexsId}/withdraw`, body: {} }),
        expect: only('manager'),
      },
    ],
  },
  {
    method: 'GET',
    route: '/api/me/calendar-link',
    cases: [
      { about: 'own calendar feed', request: () => ({ path: '/api/me/calendar-link' }), expect: everyone },
    ],
  },
  {
    method: 'GET',
    route: '/api/admin/deliveries',
    cases: [
      {
        about: 'the proactive deliveries',
        request: () => ({ path: '/api/admin/deliveries' }),
        expect: only('admin'),
      },
    ],
  },
  {
    method: 'GET',
    route: '/api/tickets',
    cases: [
      { about: 'every ticket', request: () => ({ path: '/api/tickets' }), expect: only('it', 'admin') },
    ],
  },
  {
    method: 'GET',
    route: '/api/me/requests',
    cases: [{ about: 'own requests', request: () => ({ path: '/api/me/requests' }), expect: everyone }],
  },
  {
    method: 'GET',
    route: '/api/equipment/holdings',
    cases: [
      {
        about: 'own equipment',
        request: (me) => ({ path: `/api/equipment/holdings?person=${me.aadObjectId}` }),
        expect: everyone,
      },
      {
        about: 'the staff member’s equipment',
        request: (_me, people) => ({ path: `/api/equipment/holdings?person=${people.staff.aadObjectId}` }),
        expect: only('it', 'admin'),
      },
      {
        about: 'holdings without naming anyone: everybody’s for IT and admins, one’s own for the others',
        request: () => ({ path: '/api/equipment/holdings' }),
        expect: everyone,
      },
    ],
  },
  {
    method: 'GET',
    route: '/api/months/:month',
    cases: [
      {
        about: 'a month’s lock',
        request: () => ({ path: '/api/months/2026-10' }),
        expect: only('hr', 'admin'),
      },
    ],
  },
  {
    method: 'POST',
    route: '/api/months/:month/lock',
    cases: [
      {
        about: 'locking a month',
        request: () => ({ path: '/api/months/2026-09/lock', body: {} }),
        expect: only('hr', 'admin'),
      },
    ],
  },
  {
    method: 'POST',
    route: '/api/months/:month/unlock',
    cases: [
      {
        about: 'reopening a month',
        request: () => ({ path: '/api/months/2026-08/unlock', body: { reason: 'correction' } }),
        expect: only('hr', 'admin'),
      },
    ],
  },
  {
    method: 'GET',
    route: '/api/timesheets',
    cases: [
      {
        about: 'own reports’ month',
        request: () => ({ path: '/api/timesheets?month=2026-10' }),
        expect: everyone,
      },
    ],
  },
  {
    method: 'POST',
    route: '/api/timesheets/:aadObjectId/:month/decision',
    cases: [
      {
        about: 'approving the staff member’s month',
        request: (_me, people) => ({
          path: `/api/timesheets/${people.staff.aadObjectId}/2026-10/decision`,
          body: { decision: 'approve' },
        }),
        // Only the managers above the person decide; HR and admins lock months, they do not approve.
        expect: only('manager'),
      },
      {
        about: 'approving one’s own month',
        request: (me) => ({
          path: `/api/timesheets/${me.aadObjectId}/2026-10/decision`,
          body: { decision: 'approve' },
        }),
        expect: only(),
      },
    ],
  },
  {
    method: 'POST',
    route: '/api/timesheets/:month/approve-complete',
    cases: [
      {
        about: 'approving one’s own reports’ complete months',
        request: () => ({ path: '/api/timesheets/2026-07/approve-complete', body: {} }),
        // Anyone may ask; the service approves only the caller's own direct reports.
        expect: everyone,
      },
    ],
  },
  {
    method: 'GET',
    route: '/api/audit',
    cases: [
      { about: 'the audit trail', request: () => ({ path: '/api/audit' }), expect: only('hr', 'admin') },
    ],
  },
  {
    method: 'GET',
    route: '/api/me/personal-data',
    cases: [
      { about: 'own personal data', request: () => ({ path: '/api/me/personal-data' }), expect: everyone },
    ],
  },
  {
    method: 'GET',
    route: '/api/users/:aadObjectId/personal-data',
    cases: [
      {
        about: 'own personal data',
        request: (me) => ({ path: `/api/users/${me.aadObjectId}/personal-data` }),
        expect: everyone,
      },
      {
        about: 'the staff member’s personal data',
        request: (_me, people) => ({ path: `/api/users/${people.staff.aadObjectId}/personal-data` }),
        expect: only('hr', 'admin'),
      },
    ],
  },
  {
    method: 'POST',
    route: '/api/users/:aadObjectId/erasure',
    cases: [
      {
        about: 'erasing someone’s personal data',
        request: (_me, people) => ({
          path: `/api/users/${people.stranger.aadObjectId}/erasure`,
          body: { reason: 'their request' },
        }),
        expect: only('hr', 'admin'),
      },
    ],
  },
];

/** A draft rotation of Alex's store, generated by HR before the walk (see beforeAll). */
let draft: string | null = null;
const draftId = (_people: People) => draft ?? 'missing-draft';
/** A published rotation of Alex's store and two pending swap requests in it (see beforeAll). */
const swaps = { publishedId: 'missing-rotation', othersId: 'missing-request', alexsId: 'missing-request' };

describe('who may call each API route', () => {
  const clientId = `tab-${randomUUID()}`;
  let identity: IdentityProviderStub;
  let crewdesk: CrewdeskUnderTest;
  let people: People;

  beforeAll(async () => {
    identity = await startIdentityProviderStub();
    crewdesk = await startCrewdeskForTest({
      env: {
        AAD_APP_CLIENT_ID: clientId,
        AAD_APP_TENANT_ID: 'organizations',
        AAD_APP_OAUTH_AUTHORITY_HOST: identity.baseUrl,
        ALLOWED_TENANT_IDS: 'tenant-a',
        CREWDESK_DEMO: 'true',
      },
    });
    const ids = featuredDemoPeople(generateDemoOrganisation());
    const load = async (index: number) => (await crewdesk.store.directory.findPerson(ids[index]!))!;
    const [manager, staff, hr, it, admin, , ticino, german] = await Promise.all(
      ids.map((_id, index) => load(index)),
    );
    people = {
      byRole: { employee: german!, manager: manager!, it: it!, hr: hr!, admin: admin! },
      staff: staff!,
      stranger: ticino!,
    };
    const generated = await call(people.byRole.hr, 'POST', '/api/rotations/generate', rotationBody(people));
    expect(generated.status).toBe(201);
    draft = ((await generated.json()) as { id: string }).id;

    const another = await call(people.byRole.hr, 'POST', '/api/rotations/generate', rotationBody(people));
    swaps.publishedId = ((await another.json()) as { id: string }).id;
    const published = await call(people.byRole.hr, 'POST', `/api/rotations/${swaps.publishedId}/publish`, {});
    expect(published.status).toBe(200);
    const members = new Set(
      (await crewdesk.store.rotations.assignmentsOf(swaps.publishedId)).map((day) => day.aadObjectId),
    );
    const alex = people.byRole.manager.aadObjectId;
    const staffId = people.staff.aadObjectId;
    const colleague = [...members].find((id) => id !== alex && id !== staffId)!;
    expect(members.has(alex) && members.has(staffId) && colleague).toBeTruthy();
    const pending = (requester: string, partner: string) => ({
      id: randomUUID(),
      rotationId: swaps.publishedId,
      requesterAadObjectId: requester,
      partnerAadObjectId: partner,
      date: '2026-12-08',
      reason: null,
      approverAadObjectIds: [alex],
      status: 'pending' as const,
      requestedAt: '2026-12-01T08:00:00.000Z',
      decidedBy: null,
      decidedAt: null,
      comment: null,
      version: 1,
    });
    const others = pending(staffId, colleague);
    const alexs = pending(alex, staffId);
    await crewdesk.store.swapRequests.insertSwapRequest(others);
    await crewdesk.store.swapRequests.insertSwapRequest(alexs);
    swaps.othersId = others.id;
    swaps.alexsId = alexs.id;
  });

  afterAll(async () => {
    await crewdesk?.stop();
    await identity?.close();
  });

  async function call(caller: Person, method: string, path: string, body?: unknown, tenant = 'tenant-a') {
    const token = await identity.entraToken({ clientId, tenant, oid: caller.aadObjectId });
    return fetch(`${crewdesk.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  it('has a row for every route the server answers', () => {
    const served = crewdesk.routes().map((route) => `${route.method} ${route.path}`);
    const listed = [...NOT_CALLER_ROUTES, ...TABLE.map((row) => `${row.method} ${row.route}`)];
    expect([...served].sort()).toEqual([...listed].sort());
  });

  it('offers no demo people when an Entra app is configured, whoever asks', async () => {
    expect((await call(people.byRole.admin, 'GET', '/api/demo/users')).status).toBe(404);
    expect((await fetch(`${crewdesk.baseUrl}/api/demo/users`)).status).toBe(404);
  });

  it.each(
    TABLE.flatMap((row) =>
      row.cases.map((entry) => [`${row.method} ${row.route}`, entry.about, row, entry] as const),
    ),
  )('%s (%s): each role gets what the policy gives it', async (_route, _about, row, entry) => {
    const outcomes: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const role of ROLES) {
      const { path, body } = entry.request(people.byRole[role], people);
      const response = await call(people.byRole[role], row.method, path, body);
      const status = response.status;
      outcomes[role] =
        status === 403
          ? 'denied'
          : status === 401
            ? 'unauthenticated'
            : status >= 500
              ? `error ${status}`
              : 'allowed';
      expected[role] = entry.expect[role];
    }
    expect(outcomes).toEqual(expected);
  });

  it.each(TABLE.map((row) => [`${row.method} ${row.route}`, row] as const))(
    '%s: refuses a valid token of a tenant that is not allowed, and a missing token',
    async (_route, row) => {
      const { path, body } = row.cases[0]!.request(people.byRole.admin, people);
      expect((await call(people.byRole.admin, row.method, path, body, 'tenant-z')).status).toBe(403);
      const anonymous = await fetch(`${crewdesk.baseUrl}${path}`, {
        method: row.method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
      });
      expect(anonymous.status).toBe(401);
    },
  );
});
