import { randomUUID } from 'node:crypto';
import type { Person } from '../../src/domain/directory/people.js';
import type { HoursEntry } from '../../src/domain/hours/hours-entry.js';

/**
 * Directory people and hours records as the stores hold them, for tests that seed a store
 * directly: every field a record needs, set to a plain default, and only what a test is about
 * given by the test.
 */
export function aPerson(overrides: Partial<Person> = {}): Person {
  return {
    aadObjectId: `p-${randomUUID()}`,
    displayName: 'Noa Keller',
    email: null,
    team: null,
    siteId: null,
    managerAadObjectId: null,
    roles: ['employee'],
    locale: 'de-CH',
    ahvNumber: null,
    active: true,
    source: 'directory',
    ...overrides,
  };
}

/** A live record without times: work at home, or a vacation, entered by the person themself. */
export function anHoursEntry(
  record: Pick<HoursEntry, 'aadObjectId' | 'date' | 'kind' | 'minutes'> & Partial<HoursEntry>,
): HoursEntry {
  return {
    id: randomUUID(),
    startTime: null,
    endTime: null,
    breakMinutes: null,
    place: record.kind === 'work' ? 'home' : null,
    absenceKind: record.kind === 'absence' ? 'vacation' : null,
    sourceActivityId: null,
    enteredBy: record.aadObjectId,
    createdAt: '2026-11-20T08:00:00.000Z',
    version: 1,
    ...record,
  };
}
