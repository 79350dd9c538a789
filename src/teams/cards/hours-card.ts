import type { CalendarDate } from '../../domain/shared/calendar-date.js';
import { formatCalendarDate, formatDuration } from '../../i18n/format.js';
import type { Translate } from '../../i18n/translate.js';
import { adaptiveCard, heading, paragraph, type AdaptiveCard } from './adaptive-card.js';

export interface RecordedDayView {
  locale: string;
  date: CalendarDate;
  recordedMinutes: number;
  dayTotalMinutes: number;
}

export function hoursRecordedCard(t: Translate, view: RecordedDayView): AdaptiveCard {
  const duration = formatDuration(view.locale, view.recordedMinutes);
  const date = formatCalendarDate(view.locale, view.date);
  return adaptiveCard(
    [
      heading(t('hours.recordedTitle')),
      paragraph(t('hours.recorded', { duration, date })),
      paragraph(t('hours.dayTotal', { duration: formatDuration(view.locale, view.dayTotalMinutes) }), {
        subtle: true,
      }),
    ],
    [],
    t('hours.recorded', { duration, date }),
  );
}
