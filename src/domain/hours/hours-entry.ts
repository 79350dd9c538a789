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
  createdAt: string;
}

export interface HoursRepository {
  addEntry(entry: HoursEntry): Promise<void>;
  listEntries(aadObjectId: string, from: CalendarDate, to: CalendarDate): Promise<HoursEntry[]>;
  countEntries(aadObjectId?: string): Promise<number>;
}
