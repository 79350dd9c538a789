import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { ChatIdentity } from '../domain/directory/newcomer.js';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import { isAllowed } from '../domain/directory/policy.js';
import { reportsOf } from '../domain/directory/reports.js';
import type { HoursService, RecordDayRequest } from '../domain/hours/hours-service.js';
import { rangeMinutes } from '../domain/hours/hours-checks.js';
import { ABSENCE_KINDS, WORK_PLACES } from '../domain/hours/hours-entry.js';
import { isCalendarDate, type CalendarDate } from '../domain/shared/calendar-date.js';
import type { Clock } from '../domain/shared/clock.js';
import { isDomainError } from '../domain/shared/errors.js';
import { translatorFor, type MessageKey, type MessageParams, type Translate } from '../i18n/translate.js';
import type { AdaptiveCard } from './cards/adaptive-card.js';
import { hoursNoticeCard } from './cards/hours-card.js';
import {
  LOG_HOURS_VERBS,
  NO_CHOICE,
  RANGE_ROWS,
  editDayCard,
  formValuesFromDay,
  logHoursCard,
  type LogFormValues,
  type PersonChoice,
} from './cards/log-hours-card.js';
import { cardLocale, readChatTurn } from './chat-turn.js';
import { describeDomainError } from './domain-error-messages.js';
import { recordedDayCard } from './hours-handlers.js';
import { blankToUndefined, optionalInput } from './card-inputs.js';

/**
 * The "log hours" and Edit forms' Universal Actions. Thin: parse the card's data (a trust
 * boundary: anyone can post any JSON as a card action), ask the hours use case, render a card.
 * The clicker is the actor; whom they may record for is the domain's call (recordDay checks
 * mayRecordHoursFor). Every card returned replaces the form in place.
 */
export type LogHoursDirectory = Pick<DirectoryRepository, 'findPerson' | 'listPeople'>;

export interface LogHoursDependencies {
  hours: Pick<HoursService, 'recordDay' | 'overview'>;
  directory: LogHoursDirectory;
  clock: Clock;
  defaultTimeZone: string;
}

// ---- the card's data --------------------------------------------------------------------------

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
/** "24:00" may end a day (hours-checks); nothing crosses midnight. */
const END_CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

const optional = optionalInput;

const startTime = optional(z.string().regex(CLOCK));
const endTime = optional(z.string().regex(END_CLOCK));
/** Input.Number arrives as a string in Teams and as a number in some clients. */
const wholeMinutes = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d{1,4}$/)
      .transform(Number),
  ])
  .pipe(z.number().int().min(0).max(600));
/** Hours as a decimal ("7.5", "7,5"), kept as whole minutes. */
const hoursAsMinutes = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d{1,2}(?:[.,]\d{1,2})?$/)
      .transform((text) => Number(text.replace(',', '.'))),
  ])
  .pipe(z.number().min(0).max(24))
  .transform((hours) => Math.round(hours * 60));
const toggle = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

const formData = z.object({
  /** The language the card was shown in (the invoke's locale is the client's, often en-US). */
  locale: optional(z.string().max(35)),
  subject: optional(z.string().min(1).max(200)),
  date: z.preprocess(blankToUndefined, z.string().refine(isCalendarDate)),
  start1: startTime,
  end1: endTime,
  start2: startTime,
  end2: endTime,
  start3: startTime,
  end3: endTime,
  start4: startTime,
  end4: endTime,
  start5: startTime,
  end5: endTime,
  start6: startTime,
  end6: endTime,
  breakMinutes: optional(wholeMinutes),
  workHours: optional(hoursAsMinutes),
  place: optional(z.enum([NO_CHOICE, ...WORK_PLACES])),
  absenceKind: optional(z.enum([NO_CHOICE, ...ABSENCE_KINDS])),
  absenceHours: optional(hoursAsMinutes),
  replace: optional(toggle),
  reason: optional(z.string().max(500)),
});
type FormData = z.infer<typeof formData>;

const openLogData = z.object({
  locale: optional(z.string().max(35)),
  subject: optional(z.string().min(1).max(200)),
  date: optional(z.string().refine(isCalendarDate)),
  place: optional(z.enum(WORK_PLACES)),
});

const openEditData = z.object({
  locale: optional(z.string().max(35)),
  subject: optional(z.string().min(1).max(200)),
  date: z.string().refine(isCalendarDate),
});

type DayToRecord = Pick<RecordDayRequest, 'date' | 'work' | 'absence' | 'place' | 'replace' | 'reason'>;
interface Problem {
  key: MessageKey;
  params?: MessageParams;
}

/** The form's values as one record of the day, or what is wrong with them. */
function dayFromForm(data: FormData, mode: 'log' | 'edit'): DayToRecord | Problem {
  const ranges: { start: string; end: string }[] = [];
  for (const row of RANGE_ROWS) {
    const start = data[`start${row}`];
    const end = data[`end${row}`];
    if (start === undefined && end === undefined) continue;
    if (start === undefined || end === undefined) return { key: 'logCard.problems.halfRange' };
    if (rangeMinutes({ start, end }) <= 0)
      return { key: 'logCard.problems.endBeforeStart', params: { start, end } };
    ranges.push({ start, end });
  }
  if (ranges.length > 0 && data.workHours !== undefined) return { key: 'logCard.problems.timesOrHours' };
  const absenceKind = data.absenceKind === NO_CHOICE ? undefined : data.absenceKind;
  if (absenceKind === undefined && data.absenceHours !== undefined)
    return { key: 'logCard.problems.absenceKindMissing' };
  const reason = data.reason?.trim() ?? '';
  if (mode === 'edit' && reason === '') return { key: 'logCard.problems.reasonMissing' };

  const breakMinutes = data.breakMinutes ?? null;
  const rangeTotal = ranges.reduce((sum, range) => sum + rangeMinutes(range), 0);
  const work =
    ranges.length > 0
      ? { minutes: rangeTotal - (breakMinutes ?? 0), ranges, breakMinutes }
      : data.workHours !== undefined && data.workHours > 0
        ? { minutes: data.workHours, ranges: [], breakMinutes }
        : null;
  const absence = absenceKind ? { kind: absenceKind, minutes: data.absenceHours ?? null } : null;
  if (!work && !absence) return { key: 'logCard.problems.nothingToLog' };
  return {
    date: data.date as CalendarDate,
    work,
    absence,
    place: data.place === undefined || data.place === NO_CHOICE ? null : data.place,
    replace: mode === 'edit' || data.replace === true,
    reason: mode === 'edit' ? reason : null,
  };
}

function isProblem(value: DayToRecord | Problem): value is Problem {
  return 'key' in value;
}

/**
 * What the person had typed, read leniently, so that a refused form comes back as they left it:
 * only strings (and numbers) of a sane length, the card builder shows what its inputs can show.
 */
function typedValues(data: unknown): LogFormValues {
  const record =
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : {};
  const text = (key: string, max = 100): string | undefined => {
    const value = record[key];
    if (typeof value === 'string') return value.slice(0, max);
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return undefined;
  };
  const ranges = RANGE_ROWS.map((row) => ({ start: text(`start${row}`), end: text(`end${row}`) }));
  const lastGiven = ranges.findLastIndex((range) => range.start || range.end);
  const values: LogFormValues = {
    subject: text('subject', 200),
    date: text('date') ?? '',
    ranges: ranges.slice(0, lastGiven + 1),
    breakMinutes: text('breakMinutes'),
    workHours: text('workHours'),
    place: text('place'),
    absenceKind: text('absenceKind'),
    absenceHours: text('absenceHours'),
    replace: record.replace === true || record.replace === 'true',
    reason: text('reason', 500),
  };
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as LogFormValues;
}

// ---- use cases behind the cards ----------------------------------------------------------------

/** Whom `actor` may log for in the form: themself first, then the people below them. */
export async function peopleForForm(
  directory: LogHoursDirectory,
  actor: ChatIdentity,
): Promise<PersonChoice[]> {
  const person = await directory.findPerson(actor.aadObjectId);
  const self = {
    aadObjectId: actor.aadObjectId,
    displayName: person?.displayName ?? (actor.displayName || actor.aadObjectId),
  };
  if (!person) return [self];
  const reports = await reportsOf(directory, person.aadObjectId);
  return [self, ...reports.map(({ aadObjectId, displayName }) => ({ aadObjectId, displayName }))];
}

/** The "log hours" form for a chat command, a button, or a refused submission. */
export async function logHoursCardFor(
  dependencies: Pick<LogHoursDependencies, 'directory'>,
  request: {
    actor: ChatIdentity;
    today: CalendarDate;
    locale: string;
    values?: LogFormValues;
    problem?: string | null;
  },
): Promise<AdaptiveCard> {
  return logHoursCard(translatorFor(request.locale), {
    locale: request.locale,
    today: request.today,
    people: await peopleForForm(dependencies.directory, request.actor),
    values: request.values ?? {},
    problem: request.problem ?? null,
  });
}

type DayForEdit =
  | {
      ok: true;
      subject: PersonChoice;
      onBehalf: boolean;
      entries: Parameters<typeof formValuesFromDay>[0];
      targetMinutes: number;
    }
  | { ok: false; problem: string };

/** One person's day as the Edit form shows it, once the actor's right to read it is checked. */
async function dayForEdit(
  dependencies: LogHoursDependencies,
  request: {
    actor: ChatIdentity;
    subjectAadObjectId: string;
    date: CalendarDate;
    today: CalendarDate;
    t: Translate;
  },
): Promise<DayForEdit> {
  const { directory } = dependencies;
  const { t } = request;
  const [actor, subject] = await Promise.all([
    directory.findPerson(request.actor.aadObjectId),
    directory.findPerson(request.subjectAadObjectId),
  ]);
  if (!subject) return { ok: false, problem: t('errors.unknownPerson') };
  if (!actor || !(await isAllowed(directory, actor, 'hours.read', subject)))
    return { ok: false, problem: t('errors.forbidden') };
  const overview = await dependencies.hours.overview({
    subjectAadObjectId: subject.aadObjectId,
    from: request.date,
    to: request.date,
    today: request.today,
  });
  const day = overview.days[0];
  return {
    ok: true,
    subject: { aadObjectId: subject.aadObjectId, displayName: subject.displayName },
    onBehalf: subject.aadObjectId !== actor.aadObjectId,
    entries: day?.entries ?? [],
    targetMinutes: day?.targetMinutes ?? 0,
  };
}

// ---- registration ---------------------------------------------------------------------------------

export function registerLogHoursCard<TState extends TurnState>(
  app: Application<TState>,
  dependencies: LogHoursDependencies,
): void {
  const { hours, clock, defaultTimeZone } = dependencies;

  const turnOf = (context: TurnContext, data: unknown) => {
    const facts = readChatTurn(context.activity, { defaultTimeZone, receivedAt: clock.now() });
    const locale = cardLocale(data, facts.locale);
    return { facts, locale, t: translatorFor(locale) };
  };

  /** Records the form's day; a refusal returns the form (rendered by `again`) with the reason. */
  async function record(
    facts: { actor: ChatIdentity; today: CalendarDate; activityId: string | undefined },
    subjectAadObjectId: string,
    day: DayToRecord,
    t: Translate,
    locale: string,
    again: (problem: string) => Promise<AdaptiveCard>,
  ): Promise<AdaptiveCard> {
    try {
      const recorded = await hours.recordDay({
        ...day,
        actor: facts.actor,
        subjectAadObjectId,
        today: facts.today,
        sourceActivityId: facts.activityId ?? null,
      });
      return recordedDayCard(t, locale, recorded);
    } catch (error) {
      const explanation = isDomainError(error) ? describeDomainError(error, t, locale) : null;
      if (explanation === null) throw error;
      return again(explanation);
    }
  }

  app.adaptiveCards.actionExecute<unknown>(LOG_HOURS_VERBS.openLog, async (context, _state, data) => {
    const { facts, locale, t } = turnOf(context, data);
    if (!facts.actor) return hoursNoticeCard(t, { text: t('errors.forbidden'), date: null });
    const parsed = openLogData.safeParse(data);
    const values: LogFormValues = parsed.success
      ? {
          ...(parsed.data.subject ? { subject: parsed.data.subject } : {}),
          ...(parsed.data.date ? { date: parsed.data.date } : {}),
          ...(parsed.data.place ? { place: parsed.data.place } : {}),
        }
      : {};
    return logHoursCardFor(dependencies, { actor: facts.actor, today: facts.today, locale, values });
  });

  app.adaptiveCards.actionExecute<unknown>(LOG_HOURS_VERBS.log, async (context, _state, data) => {
    const { facts, locale, t } = turnOf(context, data);
    const actor = facts.actor;
    if (!actor) return hoursNoticeCard(t, { text: t('errors.forbidden'), date: null });
    const values = typedValues(data);
    const again = (problem: string) =>
      logHoursCardFor(dependencies, { actor, today: facts.today, locale, values, problem });
    const parsed = formData.safeParse(data);
    if (!parsed.success) return again(t(problemOfIssues(parsed.error)));
    const day = dayFromForm(parsed.data, 'log');
    if (isProblem(day)) return again(t(day.key, day.params));
    const subject = parsed.data.subject ?? actor.aadObjectId;
    return record({ ...facts, actor }, subject, day, t, locale, again);
  });

  app.adaptiveCards.actionExecute<unknown>(LOG_HOURS_VERBS.openEdit, async (context, _state, data) => {
    const { facts, locale, t } = turnOf(context, data);
    const actor = facts.actor;
    const parsed = openEditData.safeParse(data);
    if (!actor || !parsed.success)
      return hoursNoticeCard(t, { text: t('logCard.problems.invalid'), date: null });
    const { date } = parsed.data;
    const found = await dayForEdit(dependencies, {
      actor,
      subjectAadObjectId: parsed.data.subject ?? actor.aadObjectId,
      date,
      today: facts.today,
      t,
    });
    if (!found.ok) return hoursNoticeCard(t, { text: found.problem, date: null });
    return editDayCard(t, {
      locale,
      today: facts.today,
      subject: found.subject,
      onBehalf: found.onBehalf,
      date,
      entries: found.entries,
      targetMinutes: found.targetMinutes,
      values: formValuesFromDay(found.entries, found.targetMinutes),
    });
  });

  app.adaptiveCards.actionExecute<unknown>(LOG_HOURS_VERBS.edit, async (context, _state, data) => {
    const { facts, locale, t } = turnOf(context, data);
    const actor = facts.actor;
    // The day and the person come from the button's own data, not from an input.
    const target = openEditData.safeParse(data);
    if (!actor || !target.success)
      return hoursNoticeCard(t, { text: t('logCard.problems.invalid'), date: null });
    const { date } = target.data;
    const subjectAadObjectId = target.data.subject ?? actor.aadObjectId;
    const found = await dayForEdit(dependencies, { actor, subjectAadObjectId, date, today: facts.today, t });
    if (!found.ok) return hoursNoticeCard(t, { text: found.problem, date: null });
    const values = typedValues(data);
    const again = async (problem: string) =>
      editDayCard(t, {
        locale,
        today: facts.today,
        subject: found.subject,
        onBehalf: found.onBehalf,
        date,
        entries: found.entries,
        targetMinutes: found.targetMinutes,
        values,
        problem,
      });
    const parsed = formData.safeParse(data);
    if (!parsed.success) return again(t(problemOfIssues(parsed.error)));
    const day = dayFromForm({ ...parsed.data, date }, 'edit');
    if (isProblem(day)) return again(t(day.key, day.params));
    return record({ ...facts, actor }, subjectAadObjectId, day, t, locale, again);
  });
}

/** A missing or malformed day alone gets its own sentence; anything else the general one. */
function problemOfIssues(error: z.ZodError): MessageKey {
  return error.issues.every((issue) => issue.path[0] === 'date')
    ? 'logCard.problems.date'
    : 'logCard.problems.invalid';
}
