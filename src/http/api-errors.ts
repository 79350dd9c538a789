import type { Response } from 'restify';
import type { DomainError, DomainErrorCode } from '../domain/shared/errors.js';

/** How each domain error code reads on the HTTP edge. */
const STATUS_OF_CODE: Record<DomainErrorCode, number> = {
  'auth.unauthenticated': 401,
  'auth.forbidden': 403,
  'directory.invalid_file': 400,
  'directory.unknown_person': 404,
  'directory.unknown_site': 404,
  'equipment.not_found': 404,
  'equipment.not_allowed_now': 409,
  'equipment.not_offered': 400,
  'equipment.comment_required': 400,
  'equipment.asset_required': 400,
  'equipment.tracking_required': 400,
  'equipment.address_required': 400,
  'equipment.reason_required': 400,
  'hours.invalid_duration': 400,
  'hours.invalid_file': 400,
  'hours.invalid_range': 400,
  'hours.day_too_long': 400,
  'hours.absence_exceeds_day': 409,
  'hours.overlap': 409,
  'hours.future_work': 400,
  'hours.not_a_work_day': 400,
  'hours.nothing_to_undo': 404,
  'hours.not_found': 404,
  'hours.month_locked': 409,
  'hours.month_approved': 409,
  'hours.reason_required': 400,
  'month.not_over': 409,
  'month.not_locked': 409,
  'timesheet.comment_required': 400,
  'timesheet.already_approved': 409,
  'timesheet.not_found': 404,
  'timesheet.stale': 409,
  'input.invalid': 400,
  'rotation.infeasible': 422,
  'rotation.not_found': 404,
  'rotation.not_draft': 409,
  'rotation.not_published': 409,
  'rotation.swap_refused': 422,
  'rotation.swap_not_found': 404,
  'rotation.swap_closed': 409,
  'rotation.swap_stale': 409,
  'storage.conflict': 409,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  details?: unknown,
): void {
  const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  res.status(status);
  res.json(body);
}

export function sendDomainError(res: Response, error: DomainError): void {
  sendError(
    res,
    STATUS_OF_CODE[error.code],
    error.code,
    error.message,
    error.fault === 'user' ? error.details : undefined,
  );
}
