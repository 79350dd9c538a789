import { z } from 'zod';
import type { HoursService, RecordedDay } from '../domain/hours/hours-service.js';
import { mondayOf } from '../domain/hours/hours-service.js';
import { addDays, isCalendarDate, type CalendarDate } from '../domain/shared/calendar-date.js';
import { isDomainError } from '../domain/shared/errors.js';
import { formatCalendarDate, formatDuration } from '../i18n/format.js';
import type { Translate } from '../i18n/translate.js';
import type { DayStatement, HoursUnderstanding } from '../language/hours/understand-hours.js';
import type { AdaptiveCard } from './cards/adaptive-card.js';
import {
  hoursNoticeCard,
  hoursRecordedCard,
  hoursRecordedDaysCard,
  hoursUndoneCard,
  weekCard,
  type RecordedDayView,
} from './cards/hours-card.js';
import { adaptiveCard, heading, paragraph } from './cards/adaptive-card.js';
import { formValuesFromStatement, logHoursCard } from './cards/log-hours-card.js';
import type { ChatTurnFacts } from './chat-turn.js';
import { describeDomainError } from './domain-error-messages.js';

/** What the hours handlers give back: cards to send (a message) or one card to show (an action). */
export interface HoursReply {
  cards: AdaptiveCard[];
  recordedEntryIds: string[];
}

export function recordedDayCard(t: Translate, locale: string, recorded: RecordedDay): AdaptiveCard {
  return hoursRecordedCard(t, recordedDayView(locale, recorded));
}

function recordedDayView(locale: string, recorded: RecordedDay): RecordedDayView {
  return {
    locale,
    date: recorded.date,
    subjectName: recorded.subject.displayName,
    onBehalf: recorded.onBehalf,
    created: recorded.created,
    replacedCount: recorded.replaced.length,
    workedMinutes: recorded.workedMinutes,
    absenceMinutes: recorded.absenceMinutes,
    targetMinutes: recorded.targetMinutes,
    warnings: recorded.warnings,
  };
}

function statementSummary(t: Translate, locale: string, statement: DayStatement): string {
  const parts: string[] = [];
  if (statement.work) {
    const ranges = statement.work.ranges.map((range) => `${range.start}–${range.end}`).join(', ');
    parts.push(
      t('hours.workLine', {
        duration: formatDuration(locale, statement.work.minutes),
        range: ranges || 'none',
        place: statement.place ?? 'none',
      }),
    );
  }
  if (statement.absence) {
    parts.push(
      t('hours.absenceLine', {
        kind: statement.absence.kind,
        duration: statement.absence.minutes === null ? '' : formatDuration(locale, statement.absence.minutes),
        fullDay: statement.absence.minutes === null ? 'yes' : 'no',
      }),
    );
  }
  return parts.join(' · ');
}

/** Turns an understood message into records, or into the question it needs. */
export async function answerHoursMessage(options: {
  hours: HoursService;
  facts: ChatTurnFacts & { actor: NonNullable<ChatTurnFacts['actor']> };
  understanding: Exclude<HoursUnderstanding, { kind: 'not_hours' }>;
  t: Translate;
  locale: string;
}): Promise<HoursReply> {
  const { hours, facts, understanding, t, locale } = options;
  if (understanding.kind === 'incomplete') {
    const date = understanding.partial.date ? formatCalendarDate(locale, understanding.partial.date) : 'none';
    const text =
      understanding.missing === 'duration'
        ? t('hours.askDuration', { date })
        : understanding.missing === 'day'
          ? t('hours.askDay')
          : t('hours.askDayAndDuration');
    // The form below the question holds what the message already said, so a tap finishes it.
    const form = logHoursCard(t, {
      locale,
      today: facts.today,
      people: [{ aadObjectId: facts.actor.aadObjectId, displayName: facts.actor.displayName }],
      values: formValuesFromStatement(understanding.partial),
    });
    return { cards: [hoursNoticeCard(t, { text, date: null }), form], recordedEntryIds: [] };
  }
  if (understanding.kind === 'ambiguous') {
    const readings = understanding.readings.map((reading) =>
      reading
        .map((statement) =>
          t('hours.readingLine', {
            date: formatCalendarDate(locale, statement.date),
            summary: statementSummary(t, locale, statement),
          }),
        )
        .join('; '),
    );
    // Each reading is offered as the unambiguous sentence to send back; nothing is guessed.
    return {
      cards: [
        adaptiveCard(
          [
            heading(t('hours.ambiguousTitle')),
            paragraph(t('hours.ambiguousBody', { text: facts.text })),
            ...readings.map((reading) => paragraph(`• ${reading}`, { spacing: 'Small' })),
          ],
          [],
          t('hours.ambiguousTitle'),
        ),
      ],
      recordedEntryIds: [],
    };
  }

  const cards: AdaptiveCard[] = [];
  const recordedDays: RecordedDayView[] = [];
  const recordedEntryIds: string[] = [];
  for (const statement of understanding.days) {
    if (!statement.work && !statement.absence) continue;
    try {
      const recorded = await hours.recordDay({
        actor: facts.actor,
        date: statement.date,
        today: facts.today,
        work: statement.work,
        absence: statement.absence,
        place: statement.place,
        replace: understanding.replace,
        sourceActivityId: facts.activityId ?? null,
      });
      recordedEntryIds.push(...recorded.created.map((entry) => entry.id));
      recordedDays.push(recordedDayView(locale, recorded));
    } catch (error) {
      // A span of absence ("Ferien 22.12.-2.1.") crosses weekends and holidays: those days have
      // no target and are simply not part of the absence.
      if (
        isDomainError(error) &&
        error.code === 'hours.not_a_work_day' &&
        understanding.days.length > 1 &&
        statement.absence?.minutes === null &&
        !statement.work
      ) {
        continue;
      }
      // One refused day does not hide the days that were recorded; the user reads why.
      const explanation = isDomainError(error) ? describeDomainError(error, t, locale) : null;
      if (explanation === null) throw error;
      cards.push(
        hoursNoticeCard(t, {
          text: explanation,
          date: statement.date <= facts.today ? statement.date : null,
        }),
      );
    }
  }
  if (recordedDays.length > 0) cards.unshift(hoursRecordedDaysCard(t, recordedDays));
  return { cards, recordedEntryIds };
}

export async function weekCardFor(options: {
  hours: HoursService;
  viewer: string;
  date: CalendarDate;
  today: CalendarDate;
  t: Translate;
  locale: string;
}): Promise<AdaptiveCard> {
  const from = mondayOf(options.date);
  const week = await options.hours.overview({
    subjectAadObjectId: options.viewer,
    from,
    to: addDays(from, 6),
    today: options.today,
  });
  return weekCard(options.t, { locale: options.locale, week, today: options.today });
}

export const undoActionData = z.object({ entryIds: z.array(z.string().min(1).max(100)).min(1).max(50) });
export const weekActionData = z.object({ date: z.string().refine(isCalendarDate) });

export async function undoEntries(options: {
  hours: HoursService;
  facts: ChatTurnFacts & { actor: NonNullable<ChatTurnFacts['actor']> };
  entryIds: readonly string[];
  t: Translate;
  locale: string;
}): Promise<AdaptiveCard> {
  const { t, locale } = options;
  try {
    const removed = await options.hours.removeEntries({
      actor: options.facts.actor,
      entryIds: options.entryIds,
      reason: 'undo',
    });
    return hoursUndoneCard(t, { locale, date: removed[0]!.date, count: removed.length });
  } catch (error) {
    const explanation = isDomainError(error) ? describeDomainError(error, t, locale) : null;
    if (explanation === null) throw error;
    return hoursNoticeCard(t, { text: explanation, date: null });
  }
}
