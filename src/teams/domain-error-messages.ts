import type { DomainError } from '../domain/shared/errors.js';
import { formatCalendarDate, formatDuration, formatMonth } from '../i18n/format.js';
import type { Translate } from '../i18n/translate.js';

/**
 * The sentence a chat user reads for a domain error of their own making, or null when the error
 * is ours (then the bot apologises instead).
 */
export function describeDomainError(error: DomainError, t: Translate, locale: string): string | null {
  if (error.fault !== 'user') return null;
  switch (error.code) {
    case 'hours.day_too_long':
      return t('errors.dayTooLong', {
        recorded: formatDuration(locale, Number(error.details.alreadyRecordedMinutes ?? 0)),
        date: formatCalendarDate(locale, String(error.details.date ?? '')),
      });
    case 'hours.invalid_duration':
      return t('errors.invalidDuration');
    case 'hours.absence_exceeds_day':
      return t('errors.absenceExceedsDay', {
        date: formatCalendarDate(locale, String(error.details.date ?? '')),
        recorded: formatDuration(locale, Number(error.details.recordedMinutes ?? 0)),
      });
    case 'hours.overlap': {
      const range = (value: unknown) => {
        const { start, end } = (value ?? {}) as { start?: string; end?: string };
        return `${start ?? '?'}–${end ?? '?'}`;
      };
      return t('errors.overlap', {
        date: formatCalendarDate(locale, String(error.details.date ?? '')),
        first: range(error.details.first),
        second: range(error.details.second),
      });
    }
    case 'hours.future_work':
      return t('errors.futureWork', { date: formatCalendarDate(locale, String(error.details.date ?? '')) });
    case 'hours.not_a_work_day':
      return t('errors.notAWorkDay', { date: formatCalendarDate(locale, String(error.details.date ?? '')) });
    case 'hours.invalid_range':
      return t('errors.invalidRange');
    case 'hours.nothing_to_undo':
      return t('errors.nothingToUndo');
    case 'hours.month_locked':
      return t('errors.monthLocked', { month: formatMonth(locale, String(error.details.month ?? '')) });
    case 'hours.month_approved':
      return t('errors.monthApproved', { month: formatMonth(locale, String(error.details.month ?? '')) });
    case 'hours.reason_required':
      return t('errors.reasonRequired', { month: formatMonth(locale, String(error.details.month ?? '')) });
    case 'auth.forbidden':
      return t('errors.forbidden');
    case 'directory.unknown_person':
      return t('errors.unknownPerson');
    default:
      return null;
  }
}
