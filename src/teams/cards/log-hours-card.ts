import { ABSENCE_KINDS, WORK_PLACES, type HoursEntry } from '../../domain/hours/hours-entry.js';
import { supportedLocaleOf } from '../../domain/shared/locale.js';
import type { CalendarDate } from '../../domain/shared/calendar-date.js';
import { formatCalendarDate } from '../../i18n/format.js';
import type { Translate } from '../../i18n/translate.js';
import { adaptiveCard, heading, paragraph, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { HOURS_VERBS, entryLine } from './hours-card.js';

/**
 * The "log hours" form and its Edit variant, as Universal Actions (Action.Execute): the card a
 * handler returns replaces the form in place, so the person sees the form turn into what was
 * recorded, or come back with their inputs and the reason it was refused. The handlers live in
 * src/teams/log-hours-actions.ts.
 */
export const LOG_HOURS_VERBS = {
  /** Submit the form: add to the day, or replace it when the toggle says so. */
  log: 'hours.log',
  /** Submit the Edit form: replace the day, with a reason kept in the history. */
  edit: 'hours.edit',
  /** Show an empty (or pre-filled) form. */
  openLog: 'hours.openLog',
  /** Show the Edit form of one person's day (the recorded card's Edit button). */
  openEdit: HOURS_VERBS.edit,
} as const;

/** Two ranges cover a day with a lunch break; Edit shows more rows when the day holds more. */
export const LOG_FORM_RANGE_ROWS = 2;
/** The numbers of the start/end rows a form may carry (inputs start1/end1 … start6/end6). */
export const RANGE_ROWS = [1, 2, 3, 4, 5, 6] as const;
export const MAX_RANGE_ROWS = RANGE_ROWS.length;

/** The ids of the form's inputs: the keys of the `data` an Action.Execute carries back. */
export const LOG_INPUT = {
  subject: 'subject',
  date: 'date',
  start: (row: number) => `start${row}`,
  end: (row: number) => `end${row}`,
  breakMinutes: 'breakMinutes',
  workHours: 'workHours',
  place: 'place',
  absenceKind: 'absenceKind',
  absenceHours: 'absenceHours',
  replace: 'replace',
  reason: 'reason',
} as const;

/** "Not said" / "no absence": an explicit choice, since a drop-down cannot be cleared once set. */
export const NO_CHOICE = 'none';

/** What the inputs show, as the person typed it (strings, so that a refused value comes back as is). */
export interface LogFormValues {
  subject?: string;
  /** Absent: today; '' (a message that named no day): left empty, to be chosen. */
  date?: string;
  ranges?: readonly { start?: string; end?: string }[];
  breakMinutes?: string;
  workHours?: string;
  place?: string;
  absenceKind?: string;
  absenceHours?: string;
  replace?: boolean;
  reason?: string;
}

export interface PersonChoice {
  aadObjectId: string;
  displayName: string;
}

export interface LogHoursCardView {
  locale: string;
  today: CalendarDate;
  /** Whom the actor may record for: the actor first. One person: no "for" drop-down. */
  people: readonly PersonChoice[];
  values: LogFormValues;
  /** Why the last submission was refused, shown on top; nothing was recorded. */
  problem?: string | null;
}

export interface EditDayCardView {
  locale: string;
  today: CalendarDate;
  subject: PersonChoice;
  onBehalf: boolean;
  date: CalendarDate;
  /** The day's live entries, listed as they are now. */
  entries: readonly HoursEntry[];
  targetMinutes: number;
  values: LogFormValues;
  problem?: string | null;
}

const CLOCK_VALUE = /^\d{2}:\d{2}$/;
const DATE_VALUE = /^\d{4}-\d{2}-\d{2}$/;

function numberValue(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/** Only values an input can show are put back; a time such as "8h" would break the picker. */
function clockValue(text: string | undefined): Record<string, string> {
  return text !== undefined && CLOCK_VALUE.test(text) ? { value: text } : {};
}

function choiceValue(text: string | undefined, allowed: readonly string[], fallback: string): string {
  return text !== undefined && allowed.includes(text) ? text : fallback;
}

function problemBlock(problem: string): CardElement {
  return { type: 'TextBlock', text: problem, wrap: true, color: 'Attention', weight: 'Bolder' };
}

function subheading(text: string): CardElement {
  return { type: 'TextBlock', text, weight: 'Bolder', wrap: true, spacing: 'Medium', separator: true };
}

function rangeRow(t: Translate, row: number, value: { start?: string; end?: string } | undefined) {
  // A ColumnSet only for a start/end pair: two time pickers side by side still fit 360 px.
  const column = (input: CardElement): CardElement => ({ type: 'Column', width: 'stretch', items: [input] });
  return {
    type: 'ColumnSet',
    spacing: row === 1 ? 'Default' : 'Small',
    columns: [
      column({
        type: 'Input.Time',
        id: LOG_INPUT.start(row),
        label: t('logCard.start', { number: row }),
        ...clockValue(value?.start),
      }),
      column({
        type: 'Input.Time',
        id: LOG_INPUT.end(row),
        label: t('logCard.end', { number: row }),
        ...clockValue(value?.end),
      }),
    ],
  } satisfies CardElement;
}

function rowsFor(values: LogFormValues, minimum: number): number {
  const given = values.ranges?.length ?? 0;
  return Math.min(MAX_RANGE_ROWS, Math.max(minimum, given));
}

/** The inputs the log form and the Edit form share: work (ranges, breaks, place) and absence. */
function dayInputs(t: Translate, values: LogFormValues, rangeRows: number): CardElement[] {
  const breakMinutes = numberValue(values.breakMinutes);
  const workHours = numberValue(values.workHours);
  const absenceHours = numberValue(values.absenceHours);
  const rows: CardElement[] = [];
  for (let row = 1; row <= rangeRows; row += 1) rows.push(rangeRow(t, row, values.ranges?.[row - 1]));
  return [
    subheading(t('logCard.workSection')),
    ...rows,
    {
      type: 'Input.Number',
      id: LOG_INPUT.breakMinutes,
      label: t('logCard.breakMinutes'),
      placeholder: t('logCard.breakPlaceholder'),
      min: 0,
      max: 600,
      errorMessage: t('logCard.breakError'),
      ...(breakMinutes !== undefined ? { value: breakMinutes } : {}),
    },
    {
      type: 'Input.Number',
      id: LOG_INPUT.workHours,
      label: t('logCard.workHours'),
      placeholder: t('logCard.hoursPlaceholder'),
      min: 0,
      max: 24,
      errorMessage: t('logCard.hoursError'),
      ...(workHours !== undefined ? { value: workHours } : {}),
    },
    {
      type: 'Input.ChoiceSet',
      id: LOG_INPUT.place,
      label: t('logCard.place'),
      style: 'compact',
      value: choiceValue(values.place, WORK_PLACES, NO_CHOICE),
      choices: [NO_CHOICE, ...WORK_PLACES].map((place) => ({
        title: t('logCard.placeOption', { place }),
        value: place,
      })),
    },
    subheading(t('logCard.absenceSection')),
    {
      type: 'Input.ChoiceSet',
      id: LOG_INPUT.absenceKind,
      label: t('logCard.absenceKind'),
      style: 'compact',
      value: choiceValue(values.absenceKind, ABSENCE_KINDS, NO_CHOICE),
      choices: [NO_CHOICE, ...ABSENCE_KINDS].map((kind) => ({
        title: t('logCard.absenceOption', { kind }),
        value: kind,
      })),
    },
    {
      type: 'Input.Number',
      id: LOG_INPUT.absenceHours,
      label: t('logCard.absenceHours'),
      placeholder: t('logCard.hoursPlaceholder'),
      min: 0,
      max: 24,
      errorMessage: t('logCard.hoursError'),
      ...(absenceHours !== undefined ? { value: absenceHours } : {}),
    },
  ];
}

function dateInput(t: Translate, values: LogFormValues, today: CalendarDate): CardElement {
  const date = values.date === undefined ? today : values.date;
  // No `max`: absences may be planned ahead; work after today is refused by the domain, with
  // the form kept (ArG records what happened, never what is planned).
  return {
    type: 'Input.Date',
    id: LOG_INPUT.date,
    label: t('logCard.date'),
    isRequired: true,
    errorMessage: t('logCard.dateRequired'),
    ...(DATE_VALUE.test(date) ? { value: date } : {}),
  };
}

/** The "log hours" form; pre-filled from an incomplete chat message or a refused submission. */
export function logHoursCard(t: Translate, view: LogHoursCardView): AdaptiveCard {
  const { values } = view;
  const title = t('logCard.title');
  const body: CardElement[] = [heading(title)];
  if (view.problem) body.push(problemBlock(view.problem));
  body.push(paragraph(t('logCard.intro'), { subtle: true, spacing: 'Small' }));
  const self = view.people[0];
  if (self && view.people.length > 1) {
    const ids = view.people.map((person) => person.aadObjectId);
    body.push({
      type: 'Input.ChoiceSet',
      id: LOG_INPUT.subject,
      label: t('logCard.forPerson'),
      style: 'compact',
      isRequired: true,
      errorMessage: t('logCard.forPersonRequired'),
      value: choiceValue(values.subject, ids, self.aadObjectId),
      choices: view.people.map((person, index) => ({
        title: index === 0 ? t('logCard.self', { name: person.displayName }) : person.displayName,
        value: person.aadObjectId,
      })),
    });
  }
  body.push(dateInput(t, values, view.today), ...dayInputs(t, values, rowsFor(values, LOG_FORM_RANGE_ROWS)));
  body.push({
    type: 'Input.Toggle',
    id: LOG_INPUT.replace,
    label: t('logCard.replaceLabel'),
    title: t('logCard.replace'),
    value: values.replace ? 'true' : 'false',
    valueOn: 'true',
    valueOff: 'false',
    spacing: 'Medium',
    separator: true,
  });
  return adaptiveCard(
    body,
    [
      {
        type: 'Action.Execute',
        title: t('logCard.submit'),
        verb: LOG_HOURS_VERBS.log,
        style: 'positive',
        data: { locale: supportedLocaleOf(view.locale) },
      },
    ],
    title,
  );
}

/** The Edit form of one person's day: what is recorded now, the same inputs pre-filled, a reason. */
export function editDayCard(t: Translate, view: EditDayCardView): AdaptiveCard {
  const { locale, values } = view;
  const date = formatCalendarDate(locale, view.date);
  const title = view.onBehalf
    ? t('logCard.editTitleFor', { date, name: view.subject.displayName })
    : t('logCard.editTitle', { date });
  const body: CardElement[] = [heading(title)];
  if (view.problem) body.push(problemBlock(view.problem));
  if (view.entries.length === 0) {
    body.push(paragraph(t('logCard.editNothing'), { subtle: true }));
  } else {
    body.push(paragraph(t('logCard.editRecorded'), { subtle: true }));
    view.entries.forEach((entry) =>
      body.push(paragraph(`• ${entryLine(t, locale, entry, view.targetMinutes)}`, { spacing: 'Small' })),
    );
  }
  if (!dayFitsTheForm(view.entries)) {
    body.push({ type: 'TextBlock', text: t('logCard.editPartial'), wrap: true, color: 'Warning' });
  }
  body.push(...dayInputs(t, values, rowsFor(values, LOG_FORM_RANGE_ROWS)));
  body.push(
    {
      type: 'Input.Text',
      id: LOG_INPUT.reason,
      label: t('logCard.reason'),
      placeholder: t('logCard.reasonPlaceholder'),
      isRequired: true,
      errorMessage: t('logCard.reasonRequired'),
      maxLength: 500,
      spacing: 'Medium',
      separator: true,
      ...(values.reason ? { value: values.reason } : {}),
    },
    paragraph(t('logCard.editNote'), { subtle: true, spacing: 'Small' }),
  );
  return adaptiveCard(
    body,
    [
      {
        type: 'Action.Execute',
        title: t('logCard.submitEdit'),
        verb: LOG_HOURS_VERBS.edit,
        style: 'positive',
        data: {
          locale: supportedLocaleOf(locale),
          subject: view.subject.aadObjectId,
          date: view.date,
        },
      },
    ],
    title,
  );
}

function rangesOf(entries: readonly HoursEntry[]) {
  return entries
    .filter((entry) => entry.kind === 'work' && entry.startTime && entry.endTime)
    .map((entry) => ({ start: entry.startTime!, end: entry.endTime! }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * Whether the form can hold the day as it is: at most MAX_RANGE_ROWS ranges, one absence, and
 * work given either as ranges or as a duration (one record of the day cannot mix both).
 */
export function dayFitsTheForm(entries: readonly HoursEntry[]): boolean {
  const work = entries.filter((entry) => entry.kind === 'work');
  const withTimes = work.filter((entry) => entry.startTime && entry.endTime).length;
  const absences = entries.filter((entry) => entry.kind === 'absence').length;
  return withTimes <= MAX_RANGE_ROWS && absences <= 1 && (withTimes === 0 || withTimes === work.length);
}

const hoursText = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);

/**
 * The Edit form's values: the day as recorded, in the inputs' terms. An absence of the day's
 * whole target leaves its hours empty, which the form reads as "the full day".
 */
export function formValuesFromDay(entries: readonly HoursEntry[], targetMinutes: number): LogFormValues {
  const work = entries.filter((entry) => entry.kind === 'work');
  const ranges = rangesOf(entries).slice(0, MAX_RANGE_ROWS);
  const durations = work.filter((entry) => !(entry.startTime && entry.endTime));
  const statedBreaks = work.filter((entry) => entry.breakMinutes !== null);
  const absence = entries.find((entry) => entry.kind === 'absence');
  const place = work.find((entry) => entry.place)?.place;
  return {
    ranges,
    ...(statedBreaks.length > 0
      ? { breakMinutes: String(statedBreaks.reduce((sum, entry) => sum + (entry.breakMinutes ?? 0), 0)) }
      : {}),
    ...(ranges.length === 0 && durations.length > 0
      ? { workHours: hoursText(durations.reduce((sum, entry) => sum + entry.minutes, 0)) }
      : {}),
    ...(place ? { place } : {}),
    ...(absence?.absenceKind ? { absenceKind: absence.absenceKind } : {}),
    ...(absence && absence.minutes !== targetMinutes ? { absenceHours: hoursText(absence.minutes) } : {}),
  };
}

/** What an incomplete chat message already said ("heute Homeoffice"), in the form's terms. */
export function formValuesFromStatement(statement: {
  date?: CalendarDate;
  place?: string | null;
  work?: {
    minutes: number;
    ranges: readonly { start: string; end: string }[];
    breakMinutes: number | null;
  } | null;
  absence?: { kind: string; minutes: number | null } | null;
}): LogFormValues {
  return {
    // A message that named no day leaves the date to be chosen: never a guess.
    date: statement.date ?? '',
    ...(statement.place ? { place: statement.place } : {}),
    ...(statement.work && statement.work.ranges.length > 0 ? { ranges: statement.work.ranges } : {}),
    ...(statement.work && statement.work.ranges.length === 0 && statement.work.minutes > 0
      ? { workHours: hoursText(statement.work.minutes) }
      : {}),
    ...(statement.work?.breakMinutes != null ? { breakMinutes: String(statement.work.breakMinutes) } : {}),
    ...(statement.absence ? { absenceKind: statement.absence.kind } : {}),
    ...(statement.absence?.minutes != null ? { absenceHours: hoursText(statement.absence.minutes) } : {}),
  };
}
