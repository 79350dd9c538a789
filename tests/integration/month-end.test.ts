import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/directory/people.js';
import type { HoursEntry } from '../../src/domain/hours/hours-entry.js';
import { HOURS_FILE_COLUMNS } from '../../src/domain/hours/hours-file.js';
import { importHours } from '../../src/domain/hours/import-hours.js';
import { addDays, dayOfWeek } from '../../src/domain/shared/calendar-date.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { DEMO_USER_HEADER } from '../../src/http/api-caller.js';
import { readCsvRows } from '../../src/integrations/spreadsheet-rows.js';
import {
  allExecuteActions,
  chatMember,
  startChatOverHttp,
  type ChatMember,
  type ChatOverHttp,
} from '../support/chat-harness.js';
import { visibleText } from '../support/teams-activities.js';

/**
 * Month end over HTTP (issue 4): on Monday 2 November 2026, the first work day, the manager gets
 * October's timesheets of his team as a card; he sends one back with a comment that reaches the
 * employee, who corrects it and hands it in again; approved months are read-only for their owner;
 * HR locks the month, after which only HR with a reason changes it — audited, and the RHT report
 * says it changed after the claim.
 */
describe('month-end approvals and the month lock', () => {
  let chat: ChatOverHttp;
  const suffix = randomUUID().slice(0, 8);
  const marc = chatMember('Marc Favre', 'fr-CH', suffix);
  const lea = chatMember('Léa Morel', 'fr-CH', suffix);
  const tom = chatMember('Tom Keller', 'de-CH', suffix);
  const hanna = chatMember('Hanna Roth', 'en', suffix);
  const otto = chatMember('Otto Brunner', 'fr-CH', suffix);

  const personOf = (who: ChatMember, overrides: Partial<Person>): Person => ({
    aadObjectId: who.aadObjectId,
    displayName: who.name,
    email: `${who.aadObjectId}@example.ch`,
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

  /** Every weekday of October 2026 from `from` to `to`, 8h24 each: a full-time month. */
  const workDays = (aadObjectId: string, from: string, to: string): HoursEntry[] => {
    const entries: HoursEntry[] = [];
    for (let date = from; date <= to; date = addDays(date, 1)) {
      if (dayOfWeek(date) === 0 || dayOfWeek(date) === 6) continue;
      entries.push({
        id: randomUUID(),
        aadObjectId,
        date,
        kind: 'work',
        minutes: 504,
        startTime: null,
        endTime: null,
        breakMinutes: null,
        place: 'home',
        absenceKind: null,
        sourceActivityId: null,
        enteredBy: aadObjectId,
        createdAt: '2026-10-31T18:00:00.000Z',
        version: 1,
      });
    }
    return entries;
  };

  beforeAll(async () => {
    chat = await startChatOverHttp({
      // Monday 2 November 2026, 08:30 in Zurich: the first work day of the month.
      clock: fixedClock('2026-11-02T07:30:00.000Z'),
      env: { CREWDESK_DEMO: 'false' },
    });
    const { directory, hours } = chat.crewdesk.store;
    await directory.upsertPeople([
      personOf(marc, { roles: ['employee', 'manager'] }),
      personOf(lea, { managerAadObjectId: marc.aadObjectId }),
      personOf(tom, { managerAadObjectId: marc.aadObjectId, locale: 'de-CH' }),
      personOf(hanna, { roles: ['employee', 'hr'], locale: 'en', team: 'HR' }),
      personOf(otto, { roles: ['employee', 'manager'], team: 'Genève Rive' }),
    ]);
    await directory.upsertContracts(
      [marc, lea, tom, hanna, otto].map((who) => ({
        aadObjectId: who.aadObjectId,
        validFrom: '2020-01-01',
        weeklyMinutes: 42 * 60,
        workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      })),
    );
    await hours.addEntriesWithHistory(
      [
        ...workDays(lea.aadObjectId, '2026-10-01', '2026-10-31'),
        // Tom's month has holes: the two middle weeks are missing.
        ...workDays(tom.aadObjectId, '2026-10-01', '2026-10-09'),
        ...workDays(tom.aadObjectId, '2026-10-26', '2026-10-31'),
      ],
      'seed',
      '2026-10-31T18:00:00.000Z',
      null,
    );
    // Everybody has written to the bot once: Crewdesk knows their chats.
    for (const who of [marc, lea, tom, hanna, otto]) {
      const hello = await say(who, 'help');
      expect(hello.status).toBe(200);
    }
  });

  afterAll(() => chat?.stop());

  // Monday 2 November 2026, 08:30 in Zurich, as the people's Teams clients say it.
  const monday = { localTimestamp: '2026-11-02T08:30:00.000+01:00', timestamp: '2026-11-02T07:30:00.000Z' };
  const say = (who: ChatMember, text: string) => chat.at(monday).say(who, text);
  const click = (who: ChatMember, verb: string, data: Record<string, unknown>) =>
    chat.at(monday).click(who, verb, data);

  const api = (who: ChatMember, path: string, init: RequestInit = {}) =>
    fetch(`${chat.crewdesk.baseUrl}${path}`, {
      ...init,
      headers: { 'Content-Type': 'application/json', [DEMO_USER_HEADER]: who.aadObjectId },
    });

  const approvalOf = (who: ChatMember) =>
    chat.crewdesk.store.timesheets.findApproval(who.aadObjectId, '2026-10');

  it('asks the manager once, on the first work day, with his team’s October in his language', async () => {
    await chat.settle();
    // Counted before the round opens: the server's worker may deliver the card at once.
    const before = chat.seen(marc);
    const opened = await chat.crewdesk.proactive.openApprovalRound();
    expect(opened).toEqual({ month: '2026-10', managers: 1, approvals: 2 });
    expect(await chat.crewdesk.proactive.openApprovalRound()).toEqual({
      month: '2026-10',
      managers: 0,
      approvals: 0,
    });

    const replies = await chat.deliveredTo(marc, before + 1);
    expect(replies).toHaveLength(before + 1);
    const card = replies.at(-1)!.activity;
    const text = visibleText(card);
    expect(text).toContain('Relevés d’heures de octobre 2026');
    expect(text).toContain('Léa Morel');
    expect(text).toContain('Tom Keller');
    expect(text).toMatch(/10 jours de travail sans saisie/);
    const verbs = allExecuteActions(card.attachments).map((action) => [action.verb, action.data.subject]);
    expect(verbs).toContainEqual(['timesheets.approve', lea.aadObjectId]);
    expect(verbs).toContainEqual(['timesheets.sendBack', tom.aadObjectId]);
    expect((await approvalOf(lea))?.status).toBe('pending');
  });

  it('does nothing for someone the card was forwarded to', async () => {
    const { text } = await click(otto, 'timesheets.approve', {
      subject: lea.aadObjectId,
      month: '2026-10',
      locale: 'fr-CH',
    });
    expect(text).toContain('Seuls les responsables de la personne');
    expect((await approvalOf(lea))?.status).toBe('pending');
  });

  it('sends a month back only with a comment, and the comment reaches the employee in her language', async () => {
    const empty = await click(marc, 'timesheets.sendBack', {
      subject: tom.aadObjectId,
      month: '2026-10',
      locale: 'fr-CH',
      comment: '   ',
    });
    expect(empty.text).toContain('Indiquez ce qu’il faut corriger');
    expect((await approvalOf(tom))?.status).toBe('pending');

    await chat.settle();
    const tomBefore = chat.seen(tom);
    const sent = await click(marc, 'timesheets.sendBack', {
      subject: tom.aadObjectId,
      month: '2026-10',
      locale: 'fr-CH',
      comment: 'Il manque les semaines du 12 et du 19.',
    });
    expect(sent.text).toContain('Renvoyé : « Il manque les semaines du 12 et du 19. »');
    expect(await approvalOf(tom)).toMatchObject({ status: 'sent_back', decidedBy: marc.aadObjectId });

    const notice = (await chat.deliveredTo(tom, tomBefore + 1)).at(-1)!.activity;
    expect(visibleText(notice)).toContain('zurückgeschickt: «Il manque les semaines du 12 et du 19.»');
    expect(allExecuteActions(notice.attachments).map((action) => action.verb)).toEqual([
      'timesheets.resubmit',
    ]);
  });

  it('lets the employee correct a sent-back month and hand it in again', async () => {
    const corrected = await say(tom, '12.10. 8h24');
    expect(corrected.status).toBe(200);
    expect(
      await chat.crewdesk.store.hours.listEntries(tom.aadObjectId, '2026-10-12', '2026-10-12'),
    ).toHaveLength(1);

    await chat.settle();
    const marcBefore = chat.seen(marc);
    const { text } = await click(tom, 'timesheets.resubmit', { month: '2026-10', locale: 'de-CH' });
    expect(text).toContain('Wieder eingereicht: Marc Favre');
    expect((await approvalOf(tom))?.status).toBe('pending');
    const again = (await chat.deliveredTo(marc, marcBefore + 1)).at(-1)!.activity;
    expect(visibleText(again)).toContain('Tom Keller');
    expect(visibleText(again)).toMatch(/9 jours de travail sans saisie/);
  });

  it('approves once when the manager double-clicks, and tells the employee once', async () => {
    await chat.settle();
    const leaBefore = chat.seen(lea);
    const data = { subject: lea.aadObjectId, month: '2026-10', locale: 'fr-CH' };
    const [first, second] = await Promise.all([
      click(marc, 'timesheets.approve', data),
      click(marc, 'timesheets.approve', data),
    ]);
    for (const answer of [first, second]) expect(answer.text).toContain('✓ Approuvé');
    const audit = await chat.crewdesk.store.audit.list({
      personAadObjectId: lea.aadObjectId,
      action: 'timesheet.approve',
      limit: 10,
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: marc.aadObjectId, before: { status: 'pending' } });

    await chat.deliveredTo(lea, leaBefore + 1);
    // Nothing left queued or on its way: a second notice would be here now.
    await chat.settle();
    const notices = chat.connector.repliesTo(lea.conversationId).slice(leaBefore);
    expect(notices.map((reply) => visibleText(reply.activity))).toEqual([
      'Votre relevé d’heures de octobre 2026 a été approuvé par Marc Favre.',
    ]);
  });

  it('keeps an approved month read-only for its owner', async () => {
    const before = await chat.crewdesk.store.hours.countEntries(lea.aadObjectId);
    await chat.settle();
    const leaBefore = chat.seen(lea);
    const attempt = await say(lea, '29.10 2h');
    expect(attempt.status).toBe(200);
    const reply = chat.connector.repliesTo(lea.conversationId).slice(leaBefore).at(-1)!.activity;
    expect(visibleText(reply)).toContain('est approuvé et ne peut plus être modifié');
    expect(await chat.crewdesk.store.hours.countEntries(lea.aadObjectId)).toBe(before);
  });

  it('lets HR lock a month that is over, once, and nobody else', async () => {
    expect((await api(lea, '/api/months/2026-10/lock', { method: 'POST' })).status).toBe(403);
    const early = await api(hanna, '/api/months/2026-11/lock', { method: 'POST' });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('month.not_over');

    await click(marc, 'timesheets.approve', { subject: tom.aadObjectId, month: '2026-10', locale: 'fr-CH' });
    const locked = await api(hanna, '/api/months/2026-10/lock', { method: 'POST' });
    expect(locked.status).toBe(201);
    expect(await locked.json()).toMatchObject({
      month: '2026-10',
      lock: { lockedBy: hanna.aadObjectId, changedAfterLockAt: null },
      approvals: { approved: 2, pending: 0, sentBack: 0 },
    });
    expect((await api(hanna, '/api/months/2026-10/lock', { method: 'POST' })).status).toBe(200);
    expect((await api(marc, '/api/months/2026-10')).status).toBe(403);
  });

  it('refuses changes to a locked month from anyone but HR with a reason', async () => {
    await chat.settle();
    const marcBefore = chat.seen(marc);
    expect((await say(marc, '30.10. 8h')).status).toBe(200);
    const reply = chat.connector.repliesTo(marc.conversationId).slice(marcBefore).at(-1)!.activity;
    expect(visibleText(reply)).toContain('octobre 2026 est verrouillé pour la demande de RHT');
    expect(await chat.crewdesk.store.hours.countEntries(marc.aadObjectId)).toBe(0);

    const decision = await click(marc, 'timesheets.sendBack', {
      subject: lea.aadObjectId,
      month: '2026-10',
      locale: 'fr-CH',
      comment: 'trop tard',
    });
    expect(decision.text).toContain('octobre 2026 est verrouillé');
    expect((await approvalOf(lea))?.status).toBe('approved');

    const sheet = readCsvRows(
      Buffer.from(`person;date;hours\n${tom.aadObjectId};13.10.2026;8,4\n`),
      HOURS_FILE_COLUMNS,
    );
    const options = {
      dryRun: false,
      today: '2026-11-02',
      importedBy: 'import:late-october.csv',
      now: new Date('2026-11-05T10:00:00.000Z'),
      newId: randomUUID,
    };
    await expect(importHours(chat.crewdesk.store, sheet, options)).rejects.toMatchObject({
      code: 'hours.invalid_file',
      details: { problems: [expect.objectContaining({ message: expect.stringContaining('locked') })] },
    });
    expect(await chat.crewdesk.store.hours.listEntries(tom.aadObjectId, '2026-10-13', '2026-10-13')).toEqual(
      [],
    );

    const summary = await importHours(chat.crewdesk.store, sheet, {
      ...options,
      reason: 'sick note arrived late',
    });
    expect(summary.entries).toBe(1);
  });

  it('marks the month’s report as changed after the claim, with the change in the audit trail', async () => {
    const report = await api(hanna, '/api/reports/rht?month=2026-10');
    expect(report.status).toBe(200);
    expect(((await report.json()) as { lock: unknown }).lock).toEqual({
      lockedAt: '2026-11-02T07:30:00.000Z',
      lockedBy: hanna.aadObjectId,
      changedAfterLockAt: '2026-11-05T10:00:00.000Z',
      changesAfterLock: 1,
    });

    const trail = await api(hanna, '/api/audit?action=month.change_after_lock');
    expect(trail.status).toBe(200);
    const { events } = (await trail.json()) as {
      events: { actor: string; reason: string; subject: string; after: { date: string }[] }[];
    };
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: 'import:late-october.csv',
      reason: 'sick note arrived late',
      subject: 'month:2026-10',
      after: [expect.objectContaining({ date: '2026-10-13', minutes: 504 })],
    });
    expect((await api(lea, '/api/audit')).status).toBe(403);
    expect((await api(marc, '/api/audit')).status).toBe(403);
  });

  it('lets HR reopen a locked month with a reason, audited', async () => {
    const noReason = await api(hanna, '/api/months/2026-10/unlock', { method: 'POST', body: '{}' });
    expect(noReason.status).toBe(400);
    const reopened = await api(hanna, '/api/months/2026-10/unlock', {
      method: 'POST',
      body: JSON.stringify({ reason: 'SECO asked for a corrected claim' }),
    });
    expect(reopened.status).toBe(200);
    expect(await reopened.json()).toMatchObject({ lock: null });
    const trail = (await (await api(hanna, '/api/audit?action=month.unlock')).json()) as {
      events: { reason: string; before: { lockedBy: string } }[];
    };
    expect(trail.events).toEqual([
      expect.objectContaining({
        reason: 'SECO asked for a corrected claim',
        before: expect.objectContaining({ lockedBy: hanna.aadObjectId }),
      }),
    ]);
  });
});
