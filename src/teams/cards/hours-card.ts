import type { HoursWarning } from '../../domain/hours/hours-checks.js';
import type { HoursEntry } from '../../domain/hours/hours-entry.js';
import type { DayOverview, PeriodOverview } from '../../domain/hours/hours-service.js';
import { addDays, type CalendarDate } from '../../domain/shared/calendar-date.js';
import { formatCalendarDate, formatDuration } from '../../i18n/format.js';
import type { Translate } from '../../i18n/translate.js';
import {
  adaptiveCard,
  heading,
  paragraph,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from './adaptive-card.js';

/**
 * Universal Actions verbs of the hours cards; the handlers live in crewdesk-bot.ts, and Edit's
 * (which opens the day's Edit form) in log-hours-actions.ts.
 */
export const HOURS_VERBS = { undo: 'hours.undo', week: 'hours.week', edit: 'hours.openEdit' } as const;

export interface RecordedDayView {
  locale: string;
  date: CalendarDate;
  subjectName: string;
  onBehalf: boolean;
  created: readonly HoursEntry[];
  replacedCount: number;
  workedMinutes: number;
  absenceMinutes: number;
  targetMinutes: number;
  warnings: readonly HoursWarning[];
}

function executeAction(title: string, verb: string, data: Record<string, unknown>): CardAction {
  return { type: 'Action.Execute', title, verb, data };
}

export function entryLine(t: Translate, locale: string, entry: HoursEntry, dayTarget: number): string {
  const duration = formatDuration(locale, entry.minutes);
  if (entry.kind === 'absence') {
    return t('hours.absenceLine', {
      kind: entry.absenceKind ?? 'other',
      duration,
      fullDay: dayTarget > 0 && entry.minutes === dayTarget ? 'yes' : 'no',
    });
  }
  const range = entry.startTime && entry.endTime ? `${entry.startTime}–${entry.endTime}` : 'none';
  return t('hours.workLine', { duration, range, place: entry.place ?? 'none' });
}

function warningText(t: Translate, locale: string, warning: HoursWarning): string {
  const d = (minutes: number) => formatDuration(locale, minutes);
  switch (warning.code) {
    case 'hours.break_too_short':
      return t('hours.warnBreak', {
        worked: d(warning.workedMinutes),
        required: d(warning.requiredMinutes),
        given: d(warning.breakMinutes),
      });
    case 'hours.week_over_limit':
      return t('hours.warnWeek', { week: d(warning.weekMinutes), limit: d(warning.limitMinutes) });
    case 'hours.rest_too_short':
      return t('hours.warnRest', { rest: d(warning.restMinutes) });
  }
}

function warningBlocks(t: Translate, locale: string, warnings: readonly HoursWarning[]): CardElement[] {
  return warnings.map((warning) => ({
    type: 'TextBlock',
    text: `⚠ ${warningText(t, locale, warning)}`,
    wrap: true,
    color: 'Warning',
  }));
}

function daySummary(
  t: Translate,
  locale: string,
  view: Pick<RecordedDayView, 'date' | 'workedMinutes' | 'absenceMinutes' | 'targetMinutes'>,
) {
  return t('hours.daySummary', {
    date: formatCalendarDate(locale, view.date),
    worked: formatDuration(locale, view.workedMinutes),
    absence: formatDuration(locale, view.absenceMinutes),
    target: formatDuration(locale, view.targetMinutes),
  });
}

export function hoursRecordedCard(t: Translate, view: RecordedDayView): AdaptiveCard {
  const { locale } = view;
  const title = view.onBehalf
    ? t('hours.recordedForTitle', { name: view.subjectName })
    : t('hours.recordedTitle');
  const body: CardElement[] = [
    heading(title),
    ...view.created.map((entry, index) =>
      paragraph(
        `• ${entryLine(t, locale, entry, view.targetMinutes)}`,
        index > 0 ? { spacing: 'Small' } : {},
      ),
    ),
    paragraph(daySummary(t, locale, view), { subtle: true }),
  ];
  if (view.replacedCount > 0)
    body.push(paragraph(t('hours.replacedNote'), { subtle: true, spacing: 'Small' }));
  body.push(...warningBlocks(t, locale, view.warnings));
  return adaptiveCard(
    body,
    [
      executeAction(t('hours.undo'), HOURS_VERBS.undo, { entryIds: view.created.map((entry) => entry.id) }),
      // Whose day it is: the created entries say it, also when a manager recorded it for them.
      executeAction(t('hours.edit'), HOURS_VERBS.edit, {
        date: view.date,
        subject: view.created[0]?.aadObjectId,
        locale,
      }),
      executeAction(t('hours.myWeek'), HOURS_VERBS.week, { date: view.date }),
    ],
    title,
  );
}

export function hoursUndoneCard(
  t: Translate,
  view: { locale: string; date: CalendarDate; count: number },
): AdaptiveCard {
  const text = t('hours.undone', { count: view.count, date: formatCalendarDate(view.locale, view.date) });
  return adaptiveCard(
    [heading(t('hours.undoneTitle')), paragraph(text)],
    [executeAction(t('hours.myWeek'), HOURS_VERBS.week, { date: view.date })],
    text,
  );
}

/** A card that only says something, e.g. why an action did nothing; keeps the week at hand. */
export function hoursNoticeCard(
  t: Translate,
  view: { text: string; date: CalendarDate | null },
): AdaptiveCard {
  return adaptiveCard(
    [paragraph(view.text)],
    view.date ? [executeAction(t('hours.myWeek'), HOURS_VERBS.week, { date: view.date })] : [],
    view.text,
  );
}

function dayStatus(t: Translate, locale: string, day: DayOverview): string {
  const parts: string[] = [];
  if (day.workedMinutes > 0) parts.push(formatDuration(locale, day.workedMinutes));
  for (const absence of day.absences) {
    parts.push(
      t('hours.absenceLine', {
        kind: absence.kind,
        duration: formatDuration(locale, absence.minutes),
        fullDay: 'no',
      }),
    );
  }
  if (parts.length > 0) return parts.join(' · ');
  if (day.holiday) return t('week.holiday');
  if (day.missing) return `✗ ${t('week.dayNothing')}`;
  return day.targetMinutes > 0 ? '—' : t('week.dayOff');
}

export function weekCard(
  t: Translate,
  view: { locale: string; week: PeriodOverview; today: CalendarDate },
): AdaptiveCard {
  const { locale, week } = view;
  const d = (minutes: number) => formatDuration(locale, minutes);
  const title = t('week.title', { date: formatCalendarDate(locale, week.from) });
  const dayFacts = week.days.map((day) => ({
    title: formatCalendarDate(locale, day.date),
    value: dayStatus(t, locale, day),
  }));
  const totals = [
    { title: t('week.worked'), value: d(week.workedMinutes) },
    { title: t('week.absent'), value: d(week.absenceMinutes) },
    { title: t('week.target'), value: d(week.targetMinutes) },
    { title: t('week.balance'), value: `${week.balanceMinutes > 0 ? '+' : ''}${d(week.balanceMinutes)}` },
  ];
  const missing =
    week.missingDays.length > 0
      ? t('week.missing', {
          days: week.missingDays.map((date) => formatCalendarDate(locale, date)).join(', '),
        })
      : t('week.noneMissing');
  const previousMonday = addDays(week.from, -7);
  const nextMonday = addDays(week.from, 7);
  const actions: CardAction[] = [
    executeAction(t('week.previous'), HOURS_VERBS.week, { date: previousMonday }),
  ];
  if (nextMonday <= view.today)
    actions.push(executeAction(t('week.next'), HOURS_VERBS.week, { date: nextMonday }));
  return adaptiveCard(
    [
      heading(title),
      { type: 'FactSet', facts: dayFacts },
      { type: 'FactSet', facts: totals, separator: true, spacing: 'Medium' },
      paragraph(missing, { subtle: week.missingDays.length === 0 }),
    ],
    actions,
    title,
  );
}

/**
 * Several days recorded by one message ("Ferien 21.12.-27.12.", "Monday 8h, Tuesday 7h30"): one
 * card rather than one per day, so a fortnight of vacation is not ten messages.
 */
export function hoursRecordedDaysCard(t: Translate, views: readonly RecordedDayView[]): AdaptiveCard {
  const [first] = views;
  if (!first) throw new Error('hoursRecordedDaysCard needs at least one day');
  if (views.length === 1) return hoursRecordedCard(t, first);
  const { locale } = first;
  const title = first.onBehalf
    ? t('hours.recordedForTitle', { name: first.subjectName })
    : t('hours.recordedTitle');
  const body: CardElement[] = [heading(title)];
  for (const view of views) {
    const lines = view.created.map((entry) => entryLine(t, locale, entry, view.targetMinutes)).join(' · ');
    body.push(paragraph(`**${formatCalendarDate(locale, view.date)}** — ${lines}`, { spacing: 'Small' }));
    body.push(...warningBlocks(t, locale, view.warnings));
  }
  if (views.some((view) => view.replacedCount > 0)) {
    body.push(paragraph(t('hours.replacedNote'), { subtle: true, spacing: 'Small' }));
  }
  return adaptiveCard(
    body,
    [
      executeAction(t('hours.undo'), HOURS_VERBS.undo, {
        entryIds: views.flatMap((view) => view.created.map((entry) => entry.id)),
      }),
      executeAction(t('hours.myWeek'), HOURS_VERBS.week, { date: first.date }),
    ],
    title,
  );
}
