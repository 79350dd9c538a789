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
  | 'input.invalid'
  | 'rotation.infeasible'
  | 'rotation.not_found'
  | 'rotation.not_draft'
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
