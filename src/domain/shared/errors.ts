/**
 * Domain errors are data: a stable code that programs branch on, whether the user or the system is
 * at fault, and the details a message needs. The edges translate them (HTTP status, a localized
 * sentence in chat); they never reach a user as a stack trace.
 */
export type DomainErrorCode =
  | 'auth.unauthenticated'
  | 'auth.forbidden'
  | 'directory.invalid_file'
  | 'directory.unknown_person'
  | 'directory.unknown_site'
  | 'equipment.not_found'
  | 'equipment.not_allowed_now'
  | 'equipment.not_offered'
  | 'equipment.comment_required'
  | 'equipment.asset_required'
  | 'equipment.tracking_required'
  | 'equipment.address_required'
  | 'equipment.reason_required'
  | 'hours.invalid_duration'
  | 'hours.invalid_file'
  | 'hours.invalid_range'
  | 'hours.day_too_long'
  | 'hours.absence_exceeds_day'
  | 'hours.overlap'
  | 'hours.future_work'
  | 'hours.not_a_work_day'
  | 'hours.nothing_to_undo'
  | 'hours.not_found'
  | 'hours.month_locked'
  | 'hours.month_approved'
  | 'hours.reason_required'
  | 'month.not_over'
  | 'month.not_locked'
  | 'timesheet.comment_required'
  | 'timesheet.already_approved'
  | 'timesheet.not_found'
  | 'timesheet.stale'
  | 'input.invalid'
  | 'rotation.infeasible'
  | 'rotation.not_found'
  | 'rotation.not_draft'
  | 'rotation.not_published'
  | 'rotation.swap_refused'
  | 'rotation.swap_not_found'
  | 'rotation.swap_closed'
  | 'rotation.swap_stale'
  | 'storage.conflict';

export type Fault = 'user' | 'system';

export interface ProblemLine {
  /** 1-based line number in the file, the header being line 1. */
  line: number;
  column?: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fault: Fault;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: DomainErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    fault: Fault = 'user',
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fault = fault;
    this.details = details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
