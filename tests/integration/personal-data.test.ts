import { randomUUID } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/directory/people.js';
import type { HoursEntry } from '../../src/domain/hours/hours-entry.js';
import { createPrivacyService, retentionStart } from '../../src/domain/privacy/personal-data.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import type { Ticket } from '../../src/domain/support/ticket.js';
import { DEMO_USER_HEADER } from '../../src/http/api-caller.js';
import { startConnectorStub, type ConnectorStub } from '../support/connector-stub.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';
import { postActivity, teamsMessage } from '../support/teams-activities.js';

/**
 * The nFADP rights over HTTP (issue 5): a person downloads everything stored about them; HR
 * erases it on request, except the time records the employer must keep five years; those leave
 * by themselves once the five years are over.
 */
describe('personal data: export, erasure and the 5-year purge', () => {
  let crewdesk: CrewdeskUnderTest;
  let connector: ConnectorStub;
  const suffix = randomUUID().slice(0, 8);
  const lea = { id: `29:lea-${suffix}`, name: 'Léa Morel', aadObjectId: `lea-${suffix}` };
  const leaChat = `a:lea-${suffix}`;
  const hanna = `hanna-${suffix}`;
  const colleague = `colleague-${suffix}`;
  const now = '2026-11-02T09:00:00.000Z';

  const person = (aadObjectId: string, displayName: string, overrides: Partial<Person> = {}): Person => ({
    aadObjectId,
    displayName,
    email: `${aadObjectId}@example.ch`,
    team: 'Lausanne Flon',
    siteId: null,
    managerAadObjectId: null,
    roles: ['employee'],
    locale: 'fr-CH',
    ahvNumber: null,
    active: true,
    source: 'directory',
    ...overrides,
  });

  const entryOn = (date: string): HoursEntry => ({
    id: randomUUID(),
    aadObjectId: lea.aadObjectId,
    date,
    kind: 'work',
    minutes: 480,
    startTime: null,
    endTime: null,
    breakMinutes: null,
    place: 'home',
    absenceKind: null,
    sourceActivityId: null,
    enteredBy: lea.aadObjectId,
    createdAt: `${date}T18:00:00.000Z`,
    version: 1,
  });

  beforeAll(async () => {
    connector = await startConnectorStub();
    crewdesk = await startCrewdeskForTest({ clock: fixedClock(now), env: { CREWDESK_DEMO: 'false' } });
    const { directory, support } = crewdesk.store;
    await directory.upsertPeople([
      person(lea.aadObjectId, lea.name, { ahvNumber: '756.1234.5678.97' }),
      person(hanna, 'Hanna Roth', { roles: ['employee', 'hr'], team: 'HR' }),
      person(colleague, 'Paul Girard'),
    ]);
    await directory.upsertContracts(
      [lea.aadObjectId, hanna, colleague].map((aadObjectId) => ({
        aadObjectId,
        validFrom: '2020-01-01',
        weeklyMinutes: 42 * 60,
        workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      })),
    );
    // Léa talks to the bot (a stored chat, turn state) and logs a day.
    const logged = await postActivity(
      crewdesk.baseUrl,
      teamsMessage({
        serviceUrl: connector.serviceUrl,
        conversationId: leaChat,
        from: lea,
        text: '30.10. 8h',
        locale: 'fr-CH',
        localTimestamp: '2026-11-02T10:00:00.000+01:00',
      }),
    );
    expect(logged.status).toBe(200);
    const ticket: Ticket = {
      id: randomUUID(),
      number: 41,
      category: 'connectivity',
      problem: 'vpn_blocked',
      summary: 'Mon VPN ne marche pas avec Free à Annemasse',
      requesterAadObjectId: lea.aadObjectId,
      requesterName: lea.name,
      requesterLocale: 'fr-CH',
      reporterAadObjectId: lea.aadObjectId,
      siteId: null,
      canton: 'VD',
      triage: { provider: 'Free', postcode: '74100', country: 'FR' },
      priority: 'high',
      status: 'new',
      assigneeAadObjectId: null,
      queueConversationId: null,
      personRequested: false,
      createdAt: now,
      updatedAt: now,
      firstAnswerDueAt: now,
      firstAnsweredAt: null,
      resolvedAt: null,
      version: 1,
      sourceKey: `form:${randomUUID()}`,
    };
    await support.insertTicket(ticket, {
      ticketId: ticket.id,
      version: 1,
      action: 'opened',
      actorAadObjectId: lea.aadObjectId,
      at: now,
      note: 'Depuis lundi',
    });
  });

  afterAll(async () => {
    await crewdesk?.stop();
    await connector?.close();
  });

  const api = (who: string, path: string, init: RequestInit = {}) =>
    fetch(`${crewdesk.baseUrl}${path}`, {
      ...init,
      headers: { 'Content-Type': 'application/json', [DEMO_USER_HEADER]: who },
    });

  interface Export {
    person: { display_name: string; email: string | null; ahv_number: string | null; active: number };
    hoursEntries: { date: string }[];
    hoursHistory: unknown[];
    tickets: { summary: string; requester_name: string; triage: unknown }[];
    ticketEvents: { note: string | null }[];
    conversations: { key: string; reference: { user?: { id?: string } } }[];
    auditEvents: { action: string }[];
  }

  it('gives a person everything stored about them, as a JSON download', async () => {
    const response = await api(lea.aadObjectId, '/api/me/personal-data');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('crewdesk-personal-data.json');
    const data = (await response.json()) as Export;
    expect(data.person).toMatchObject({ display_name: 'Léa Morel', email: `${lea.aadObjectId}@example.ch` });
    expect(data.hoursEntries.map((entry) => entry.date)).toEqual(['2026-10-30']);
    expect(data.hoursHistory).toHaveLength(1);
    expect(data.tickets[0]).toMatchObject({ summary: 'Mon VPN ne marche pas avec Free à Annemasse' });
    expect(data.ticketEvents[0]).toMatchObject({ note: 'Depuis lundi' });
    expect(data.conversations).toEqual([
      expect.objectContaining({
        key: lea.aadObjectId,
        reference: expect.objectContaining({ user: expect.anything() }),
      }),
    ]);
    expect(data.auditEvents.map((event) => event.action)).toContain('hours.create');
  });

  it('gives someone else’s data to HR only, and records that it was handed out', async () => {
    expect((await api(colleague, `/api/users/${lea.aadObjectId}/personal-data`)).status).toBe(403);
    expect((await api(hanna, `/api/users/${lea.aadObjectId}/personal-data`)).status).toBe(200);
    const exports = await crewdesk.store.audit.list({
      personAadObjectId: lea.aadObjectId,
      action: 'privacy.export',
      limit: 10,
    });
    expect(exports.map((event) => event.actor).sort()).toEqual([hanna, lea.aadObjectId].sort());
  });

  it('erases on HR’s request everything but the time records, which stay a proof', async () => {
    const path = `/api/users/${lea.aadObjectId}/erasure`;
    expect((await api(lea.aadObjectId, path, { method: 'POST', body: '{"reason":"mine"}' })).status).toBe(
      403,
    );
    expect((await api(hanna, path, { method: 'POST', body: '{}' })).status).toBe(400);
    const erased = await api(hanna, path, {
      method: 'POST',
      body: JSON.stringify({ reason: 'request of 1 November 2026' }),
    });
    expect(erased.status).toBe(200);
    expect(((await erased.json()) as { erased: Record<string, number> }).erased).toMatchObject({
      conversations: 1,
      tickets: 1,
      person: 1,
    });
    expect(await crewdesk.store.botState.read([`msteams/28:crewdesk-bot/conversations/${leaChat}`])).toEqual(
      {},
    );

    const after = (await (await api(hanna, `/api/users/${lea.aadObjectId}/personal-data`)).json()) as Export;
    expect(after.person).toMatchObject({
      display_name: 'Léa Morel',
      ahv_number: '756.1234.5678.97',
      email: null,
      active: 0,
    });
    expect(after.hoursEntries.map((entry) => entry.date)).toEqual(['2026-10-30']);
    expect(after.conversations).toEqual([]);
    expect(after.tickets[0]).toMatchObject({ summary: '[erased]', requester_name: '[erased]', triage: {} });
    expect(after.ticketEvents[0]).toMatchObject({ note: null });
    const erasure = await crewdesk.store.audit.list({ action: 'privacy.erase', limit: 5 });
    expect(erasure[0]).toMatchObject({ actor: hanna, reason: 'request of 1 November 2026' });
  });

  it('purges time records once their five years are over, and only those', async () => {
    await crewdesk.store.hours.addEntriesWithHistory(
      [entryOn('2021-10-29'), entryOn('2021-11-02')],
      'import:old.csv',
      '2021-11-05T08:00:00.000Z',
      'import',
    );
    const oldEvent = {
      id: randomUUID(),
      at: '2020-03-01T08:00:00.000Z',
      actor: 'system',
      action: 'month.lock' as const,
      subject: 'month:2020-02',
      personAadObjectId: null,
      before: null,
      after: null,
      reason: null,
    };
    await crewdesk.store.audit.append([oldEvent]);
    const privacy = createPrivacyService({
      ports: crewdesk.store,
      clock: fixedClock(now),
      newId: randomUUID,
    });

    const purged = await privacy.purgeExpired({ today: '2026-11-02' });
    expect(purged).toMatchObject({ before: '2021-11-02', entries: 1, versions: 1, auditEvents: 1 });
    const left = await crewdesk.store.hours.listEntries(lea.aadObjectId, '2021-01-01', '2026-12-31');
    expect(left.map((entry) => entry.date)).toEqual(['2021-11-02', '2026-10-30']);
    expect(await crewdesk.store.audit.list({ subject: 'month:2020-02', limit: 5 })).toEqual([]);
    expect(await privacy.purgeExpired({ today: '2026-11-02' })).toMatchObject({ entries: 0, auditEvents: 0 });
  });

  it('knows every table that holds a person’s id: a new one must join the export', () => {
    const path = crewdesk.databaseUrl.slice('sqlite:'.length);
    const database = new SqliteDatabase(path, { readonly: true });
    try {
      const tables = (
        database.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]
      )
        .map((row) => row.name)
        .filter((name) => {
          const columns = database.pragma(`table_info(${name})`) as { name: string }[];
          return columns.some((column) => column.name.endsWith('aad_object_id'));
        })
        .sort();
      // Each of these is read by the export (src/storage/personal-data-repository.ts).
      expect(tables).toEqual([
        'audit_events',
        'calendar_tokens',
        'contracts',
        'equipment_events',
        'equipment_requests',
        'hours_entries',
        'hours_entry_versions',
        'people',
        'reminder_preferences',
        'rotation_assignments',
        'rotation_swap_requests',
        'ticket_events',
        'tickets',
        'timesheet_approvals',
      ]);
    } finally {
      database.close();
    }
  });

  it('keeps the retention start on the same date five years earlier', () => {
    expect(retentionStart('2026-11-02')).toBe('2021-11-02');
    expect(retentionStart('2028-02-29')).toBe('2023-03-01');
  });
});
