import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Person, Site, Weekday } from '../../src/domain/directory/people.js';
import type { HoursEntry } from '../../src/domain/hours/hours-entry.js';
import { runReminderRound } from '../../src/domain/proactive/reminder-round.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { reminderPayload } from '../../src/teams/reminder-actions.js';
import { anHoursEntry } from '../support/records.js';

/**
 * Who gets the daily reminder, on which day — the rule (src/domain/proactive/reminders.ts) against
 * the real store, as the scheduler runs it every minute at CREWDESK_REMINDER_TIME = 17:30.
 */
const folder = mkdtempSync(join(tmpdir(), 'crewdesk-reminders-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const sites: Site[] = [
  {
    id: 'TI-1',
    name: 'Lugano',
    canton: 'TI',
    kind: 'store',
    seats: 10,
    capPercent: 50,
    minStaff: null,
    openDays: null,
  },
  {
    id: 'ZH-1',
    name: 'Zürich HB',
    canton: 'ZH',
    kind: 'store',
    seats: 10,
    capPercent: 50,
    minStaff: null,
    openDays: null,
  },
];

interface Someone {
  id: string;
  site: string;
  workDays?: Weekday[];
  locale?: Person['locale'];
  timeZone?: string;
  active?: boolean;
  chat?: boolean;
}

const people: Someone[] = [
  { id: 'ticino-full-time', site: 'TI-1', locale: 'it-CH' },
  { id: 'zurich-part-time', site: 'ZH-1', workDays: ['Mon', 'Tue', 'Wed'], locale: 'de-CH' },
  { id: 'already-logged', site: 'ZH-1' },
  { id: 'absent-today', site: 'ZH-1' },
  { id: 'rotation-day-off', site: 'ZH-1' },
  { id: 'snoozed', site: 'ZH-1' },
  { id: 'snooze-ended', site: 'ZH-1' },
  { id: 'opted-out', site: 'ZH-1' },
  { id: 'in-new-york', site: 'ZH-1', timeZone: 'America/New_York' },
  { id: 'never-chatted', site: 'ZH-1', chat: false },
  { id: 'left-the-company', site: 'ZH-1', active: false },
];

function entry(aadObjectId: string, date: string, kind: 'work' | 'absence'): HoursEntry {
  return anHoursEntry({
    aadObjectId,
    date,
    kind,
    minutes: 504,
    absenceKind: kind === 'absence' ? 'sick' : null,
    createdAt: '2026-12-01T08:00:00.000Z',
  });
}

async function organisation(now: Date, zurichDate: string): Promise<Store> {
  const store = openStore(`sqlite:${join(folder, `${randomUUID()}.db`)}`);
  await store.migrate();
  await store.directory.upsertSites(sites);
  await store.directory.upsertPeople(
    people.map((someone) => ({
      aadObjectId: someone.id,
      displayName: `${someone.id} Test`,
      email: null,
      team: null,
      siteId: someone.site,
      managerAadObjectId: null,
      roles: ['employee'],
      locale: someone.locale ?? 'fr-CH',
      ahvNumber: null,
      active: someone.active ?? true,
      source: 'directory',
    })),
  );
  await store.directory.upsertContracts(
    people.map((someone) => ({
      aadObjectId: someone.id,
      validFrom: '2020-01-01',
      weeklyMinutes: someone.workDays ? 25 * 60 : 42 * 60,
      workDays: someone.workDays ?? ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    })),
  );
  for (const someone of people.filter((person) => person.chat !== false)) {
    await store.outbound.saveConversation({
      key: someone.id,
      reference: { serviceUrl: 'https://smba.example/', conversation: { id: `a:${someone.id}` } },
      tenantId: 'tenant',
      scope: 'personal',
      timeZone: someone.timeZone ?? 'Europe/Zurich',
      updatedAt: '2026-12-01T08:00:00.000Z',
    });
  }
  await store.hours.addEntriesWithHistory(
    [entry('already-logged', zurichDate, 'work'), entry('absent-today', zurichDate, 'absence')],
    'reminders-test',
    now.toISOString(),
    null,
  );
  await store.outbound.snoozeReminders('snoozed', new Date(now.getTime() + 30 * 60_000).toISOString());
  await store.outbound.snoozeReminders('snooze-ended', new Date(now.getTime() - 60_000).toISOString());
  await store.outbound.setRemindersOptOut('opted-out', true);
  return store;
}

async function round(store: Store, now: Date) {
  return runReminderRound(
    {
      directory: store.directory,
      hours: store.hours,
      outbound: store.outbound,
      rotationDaysOff: async (dates) => dates.map((date) => ({ aadObjectId: 'rotation-day-off', date })),
      clock: fixedClock(now),
      newId: randomUUID,
      renderReminder: reminderPayload,
    },
    { reminderTime: '17:30', defaultTimeZone: 'Europe/Zurich' },
  );
}

describe('daily reminders', () => {
  it.each([
    [
      'Monday 17:31 in Zurich',
      '2026-12-07T16:31:00Z',
      '2026-12-07',
      ['snooze-ended', 'ticino-full-time', 'zurich-part-time'],
    ],
    ['Monday 17:29 in Zurich: not yet', '2026-12-07T16:29:00Z', '2026-12-07', []],
    ['a Saturday', '2026-12-05T16:31:00Z', '2026-12-05', []],
    [
      '8 December, a public holiday in Ticino only',
      '2026-12-08T16:31:00Z',
      '2026-12-08',
      ['snooze-ended', 'zurich-part-time'],
    ],
    [
      'a Thursday, off for the part-timer',
      '2026-12-10T16:31:00Z',
      '2026-12-10',
      ['snooze-ended', 'ticino-full-time'],
    ],
    [
      '17:31 in New York, late evening in Zurich',
      '2026-12-07T22:31:00Z',
      '2026-12-07',
      ['in-new-york', 'snooze-ended'],
    ],
  ])('%s', async (_case, instant, zurichDate, expected) => {
    const now = new Date(instant);
    const store = await organisation(now, zurichDate);
    try {
      const { queued, problems } = await round(store, now);
      expect(problems).toEqual([]);
      expect(queued.map((reminder) => reminder.aadObjectId).sort()).toEqual(expected);
      for (const reminder of queued) {
        const job = await store.outbound.findByIdempotencyKey(reminder.idempotencyKey);
        expect(job).toMatchObject({
          recipientKey: reminder.aadObjectId,
          category: 'reminder',
          status: 'queued',
        });
        expect(reminder.idempotencyKey).toMatch(
          reminder.aadObjectId === 'snooze-ended'
            ? new RegExp(`^reminder:snooze-ended:${reminder.date}:after:`)
            : new RegExp(`^reminder:${reminder.aadObjectId}:${reminder.date}$`),
        );
      }
      // The scheduler runs again (every minute, several instances): nobody gets a second one.
      expect((await round(store, now)).queued).toEqual([]);
      if (expected.length > 0)
        expect((await round(store, new Date(now.getTime() + 60_000))).queued).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('writes the reminder in the person’s directory language, whatever their client says', async () => {
    const now = new Date('2026-12-07T16:31:00Z');
    const store = await organisation(now, '2026-12-07');
    try {
      await round(store, now);
      const italian = await store.outbound.findByIdempotencyKey('reminder:ticino-full-time:2026-12-07');
      const german = await store.outbound.findByIdempotencyKey('reminder:zurich-part-time:2026-12-07');
      expect(italian?.locale).toBe('it-CH');
      expect(JSON.stringify(italian?.payload)).toContain('È ora di registrare le vostre ore');
      expect(JSON.stringify(italian?.payload)).toContain('lunedì 7 dicembre');
      expect(JSON.stringify(german?.payload)).toContain('Zeit, Ihre Stunden zu erfassen');
    } finally {
      await store.close();
    }
  });

  it('stays quiet once the catch-up window has passed without a reminder', async () => {
    // 20:31 in Zurich: three hours after 17:30, e.g. a server that was down all evening.
    const now = new Date('2026-12-07T19:31:00Z');
    const store = await organisation(now, '2026-12-07');
    try {
      expect((await round(store, now)).queued.map((reminder) => reminder.aadObjectId)).toEqual([
        'snooze-ended',
      ]);
    } finally {
      await store.close();
    }
  });
});
