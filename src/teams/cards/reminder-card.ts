import { supportedLocaleOf } from '../../domain/shared/locale.js';
import type { CalendarDate } from '../../domain/shared/calendar-date.js';
import { formatCalendarDate } from '../../i18n/format.js';
import type { Translate } from '../../i18n/translate.js';
import { adaptiveCard, heading, paragraph, type AdaptiveCard, type CardAction } from './adaptive-card.js';
import { LOG_HOURS_VERBS } from './log-hours-card.js';

/**
 * The daily reminder and the cards its buttons turn it into. Universal Actions (Action.Execute):
 * "log my day" opens the log form for the reminder's day in place (the existing
 * `hours.openLog` handler); snooze and off are handled in src/teams/reminder-actions.ts.
 */
export const REMINDER_VERBS = {
  snooze: 'reminders.snooze',
  off: 'reminders.off',
  on: 'reminders.on',
} as const;

export interface ReminderCardView {
  /** The person's directory locale: proactive messages follow it, not a client's. */
  locale: string;
  date: CalendarDate;
  /** First name or display name, for the greeting. */
  name: string;
}

function execute(title: string, verb: string, data: Record<string, unknown>, style?: string): CardAction {
  return { type: 'Action.Execute', title, verb, data, ...(style ? { style } : {}) };
}

export function reminderCard(t: Translate, view: ReminderCardView): AdaptiveCard {
  const locale = supportedLocaleOf(view.locale);
  const title = t('reminders.title');
  return adaptiveCard(
    [
      heading(title),
      paragraph(t('reminders.body', { name: view.name, date: formatCalendarDate(locale, view.date) })),
    ],
    [
      execute(t('reminders.logDay'), LOG_HOURS_VERBS.openLog, { date: view.date, locale }, 'positive'),
      execute(t('reminders.snooze'), REMINDER_VERBS.snooze, { date: view.date, locale }),
      execute(t('reminders.off'), REMINDER_VERBS.off, { locale }),
    ],
    title,
  );
}

/** After "remind me in 1 hour": when the reminder comes back, in the person's wall-clock time. */
export function reminderSnoozedCard(t: Translate, view: { time: string }): AdaptiveCard {
  return adaptiveCard([paragraph(t('reminders.snoozed', { time: view.time }))]);
}

/** After "no more reminders": a way back. */
export function remindersOffCard(t: Translate, view: { locale: string }): AdaptiveCard {
  return adaptiveCard(
    [paragraph(t('reminders.turnedOff'))],
    [execute(t('reminders.turnOn'), REMINDER_VERBS.on, { locale: supportedLocaleOf(view.locale) })],
  );
}

export function remindersOnCard(t: Translate): AdaptiveCard {
  return adaptiveCard([paragraph(t('reminders.turnedOn'))]);
}

export function reminderNoticeCard(t: Translate): AdaptiveCard {
  return adaptiveCard([paragraph(t('reminders.notAvailable'))]);
}
