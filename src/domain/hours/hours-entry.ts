import type { CalendarDate } from '../shared/calendar-date.js';

export const ABSENCE_KINDS = [
  'vacation',
  'sick',
  'accident',
  'military',
  'holiday',
  'training',
  'unpaid',
  'other',
] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

export const WORK_PLACES = ['office', 'home', 'store'] as const;
export type WorkPlace = (typeof WORK_PLACES)[number];

/** One line of a person's day: time worked, or an absence. Minutes are whole numbers. */
export interface HoursEntry {
  id: string;
  aadObjectId: string;
  date: CalendarDate;
  kind: 'work' | 'absence';
  minutes: number;
  /** Wall-clock start and end in the person's zone, `HH:MM`, when they were given. */
  startTime: string | null;
  endTime: string | null;
  breakMinutes: number | null;
  place: WorkPlace | null;
  absenceKind: AbsenceKind | null;
  /** The chat activity that created the entry, for the day-by-day proof the RHT claim needs. */
  sourceActivityId: string | null;
  /** Who entered it: the person, or a manager or HR officer on their behalf. */
  enteredBy: string | null;
  createdAt: string;
  /** 1 when created; each change adds one and leaves a version behind. */
  version: number;
}

/** What a schedule shows of one person's day with at least one live entry. */
export interface HoursDaySummary {
  aadObjectId: string;
  date: CalendarDate;
  /** Minutes of the day's work entries (0 on a day of absences only). */
  workedMinutes: number;
  /** The kind of the day's first absence, in the order `listEntries` gives, or null. */
  absenceKind: AbsenceKind | null;
}

export type HoursChange = 'create' | 'update' | 'delete';

/** One step of an entry's history: append-only, never rewritten. */
export interface HoursEntryVersion {
  entryId: string;
  aadObjectId: string;
  version: number;
  change: HoursChange;
  changedBy: string;
  changedAt: string;
  reason: string | null;
  before: HoursEntry | null;
  after: HoursEntry | null;
}

export interface HoursRepository {
  /** New entries, each with its 'create' version: a chat message's, an import's, the demo seed's. */
  addEntriesWithHistory(
    entries: readonly HoursEntry[],
    changedBy: string,
    changedAt: string,
    reason: string | null,
  ): Promise<void>;
  /** Replaces the stored fields of a live entry (the caller raises `version`). */
  updateEntry(entry: HoursEntry): Promise<void>;
  /** Marks the entry deleted; it stays stored for the 5-year proof duty and the history. */
  deleteEntry(entryId: string, deletedAt: string): Promise<void>;
  findEntry(entryId: string): Promise<HoursEntry | null>;
  /** Live entries of one person, both dates included, in date order. */
  listEntries(aadObjectId: string, from: CalendarDate, to: CalendarDate): Promise<HoursEntry[]>;
  /** Live entries of everybody in a date range (reports). */
  listAllEntries(from: CalendarDate, to: CalendarDate): Promise<HoursEntry[]>;
  /** Live entries of the people named, in a date range (a team's schedule, a manager's approvals). */
  listEntriesOf(aadObjectIds: readonly string[], from: CalendarDate, to: CalendarDate): Promise<HoursEntry[]>;
  /**
   * One summary per person and day with at least one live entry, in a date range, for the people
   * named (or, without `aadObjectIds`, everybody), in no particular order: a schedule needs these,
   * not every entry.
   */
  daySummaries(filter: {
    aadObjectIds?: readonly string[];
    from: CalendarDate;
    to: CalendarDate;
  }): Promise<HoursDaySummary[]>;
  countEntries(aadObjectId?: string): Promise<number>;
  addVersion(version: HoursEntryVersion): Promise<void>;
  historyOf(entryId: string): Promise<HoursEntryVersion[]>;
}
