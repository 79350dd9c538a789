import type { CalendarDate } from '../shared/calendar-date.js';
import type { RotationPattern, RotationPlace } from './rotation-plan.js';

export type RotationStatus = 'draft' | 'published';

/** A rotation as stored: its plan lives in its assignments, one per person and day. */
export interface StoredRotation {
  id: string;
  siteId: string;
  team: string | null;
  pattern: RotationPattern;
  /** Who must be on site each open day (aadObjectIds), chosen by the manager. */
  critical: string[];
  capPercent: number;
  startDate: CalendarDate;
  endDate: CalendarDate;
  status: RotationStatus;
  createdBy: string;
  createdAt: string;
  publishedAt: string | null;
}

export interface RotationAssignment {
  aadObjectId: string;
  date: CalendarDate;
  place: RotationPlace;
  cohort: string | null;
}

export interface PublishedDay extends RotationAssignment {
  rotationId: string;
}

export interface RotationRepository {
  /** Stores a new rotation with all its assignments. */
  insertRotation(rotation: StoredRotation, assignments: readonly RotationAssignment[]): Promise<void>;
  findRotation(id: string): Promise<StoredRotation | null>;
  /** Rotations overlapping [from, to] (when given), of one site (when given), newest first. */
  listRotations(filter: {
    siteId?: string;
    from?: CalendarDate;
    to?: CalendarDate;
    status?: RotationStatus;
  }): Promise<StoredRotation[]>;
  assignmentsOf(rotationId: string): Promise<RotationAssignment[]>;
  replaceAssignments(rotationId: string, assignments: readonly RotationAssignment[]): Promise<void>;
  markPublished(rotationId: string, publishedAt: string): Promise<void>;
  /**
   * Published days between two dates, for some people (or everybody). Where published rotations
   * overlap, the one published last counts.
   */
  publishedDays(filter: {
    aadObjectIds?: readonly string[];
    from: CalendarDate;
    to: CalendarDate;
  }): Promise<PublishedDay[]>;
  /** The person's calendar feed token, created with `newToken` on first use. */
  calendarToken(aadObjectId: string, newToken: () => string): Promise<string>;
  /** Whose feed a token opens, or null. */
  calendarTokenOwner(token: string): Promise<string | null>;
}
