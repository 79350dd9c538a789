/**
 * One round of reminders (every minute while reminders are on): read who can be reached, apply
 * `whoNeedsAReminder`, and queue a reminder for each person due — once, thanks to the idempotency
 * key. The card is rendered by the caller (the Teams layer), in the person's directory locale.
 */
import type { DirectoryRepository } from '../directory/directory-ports.js';
import type { HoursRepository } from '../hours/hours-entry.js';
import type { Clock } from '../shared/clock.js';
import type { OutboundPayload, OutboundRepository } from './outbound-message.js';
import { personRecipient } from './outbound-message.js';
import {
  localDatesAt,
  whoNeedsAReminder,
  type DayRecord,
  type ReminderDue,
  type ReminderProblem,
} from './reminders.js';

export interface ReminderRoundDependencies {
  directory: Pick<DirectoryRepository, 'listPeople' | 'listAllContracts' | 'listSites'>;
  hours: Pick<HoursRepository, 'listAllEntries'>;
  outbound: Pick<
    OutboundRepository,
    'listPersonalConversations' | 'reminderPreferences' | 'knownIdempotencyKeys' | 'enqueueMany'
  >;
  /** Days the office rotation marks as off (none until the rotation issue lands). */
  rotationDaysOff?: (dates: readonly string[]) => Promise<DayRecord[]>;
  clock: Clock;
  newId: () => string;
  renderReminder: (due: ReminderDue, displayName: string) => OutboundPayload;
}

export interface ReminderRoundOutcome {
  queued: ReminderDue[];
  problems: ReminderProblem[];
}

export async function runReminderRound(
  dependencies: ReminderRoundDependencies,
  settings: { reminderTime: string; defaultTimeZone: string },
): Promise<ReminderRoundOutcome> {
  const { directory, outbound, clock } = dependencies;
  const now = clock.now();
  const conversations = await outbound.listPersonalConversations();
  if (conversations.length === 0) return { queued: [], problems: [] };
  const timeZones = new Map(
    conversations.map((conversation) => [
      conversation.key,
      conversation.timeZone ?? settings.defaultTimeZone,
    ]),
  );
  const dates = localDatesAt(now, [...timeZones.values(), settings.defaultTimeZone]);
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (!first || !last) return { queued: [], problems: [] };

  const [people, contracts, sites, entries, preferences, rotationDaysOff] = await Promise.all([
    directory.listPeople(),
    directory.listAllContracts(),
    directory.listSites(),
    dependencies.hours.listAllEntries(first, last),
    outbound.reminderPreferences(),
    dependencies.rotationDaysOff?.(dates) ?? Promise.resolve([]),
  ]);
  const reachable = people.filter((person) => timeZones.has(person.aadObjectId));
  const { due, problems } = whoNeedsAReminder({
    people: reachable,
    contracts,
    sites,
    // Any record of the day — work or absence — counts as logged.
    entriesOfToday: entries.map((entry) => ({ aadObjectId: entry.aadObjectId, date: entry.date })),
    absences: [],
    rotationDaysOff,
    preferences,
    now,
    reminderTime: settings.reminderTime,
    timeZones,
    defaultTimeZone: settings.defaultTimeZone,
  });
  const known = await outbound.knownIdempotencyKeys(due.map((reminder) => reminder.idempotencyKey));
  const names = new Map(reachable.map((person) => [person.aadObjectId, person.displayName]));
  const fresh = due.filter((reminder) => !known.has(reminder.idempotencyKey));
  const inserted = await outbound.enqueueMany(
    fresh.map((reminder) => ({
      id: dependencies.newId(),
      recipientKey: personRecipient(reminder.aadObjectId),
      idempotencyKey: reminder.idempotencyKey,
      category: 'reminder' as const,
      payload: dependencies.renderReminder(reminder, names.get(reminder.aadObjectId) ?? ''),
      locale: reminder.locale,
      createdAt: now.toISOString(),
      notBefore: now.toISOString(),
    })),
  );
  // Another instance's round may have queued some of them in the meantime: those are its own.
  const queued = fresh.filter((reminder) => inserted.has(reminder.idempotencyKey));
  return { queued, problems };
}
